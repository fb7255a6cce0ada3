import Link from "next/link";

export default function NotFound() {
  return (
    <section className="card mx-auto max-w-lg text-center">
      <h1 className="text-xl font-semibold">没有找到这个页面</h1>
      <p className="mt-2 text-stone-600">页面不存在,或你没有权限查看。</p>
      <Link href="/" className="btn-secondary mt-4">
        返回首页
      </Link>
    </section>
  );
}
