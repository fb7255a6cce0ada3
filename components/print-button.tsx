"use client";

/** Opens the browser's print dialog; the page's print styles lay the table out on A4 landscape. */
export function PrintButton({ label = "打印" }: { label?: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="btn-secondary print:hidden">
      {label}
    </button>
  );
}
