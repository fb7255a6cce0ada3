"use client";

// A page that failed on the server: say so in Chinese and let the user try again; details stay in the server log.
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="card mx-auto max-w-lg text-center">
      <h1 className="text-xl font-semibold">页面加载失败</h1>
      <p className="mt-2 text-stone-600">可能是网络或服务器暂时出现问题,已保存的内容不受影响。请稍后重试。</p>
      <button type="button" onClick={reset} className="btn-primary mt-4">
        重试
      </button>
    </section>
  );
}
