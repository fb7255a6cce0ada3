/** 责任单位 as the documents write them: lead units starred, the reader's own unit in bold. */
export function UnitList({ units }: { units: Array<{ key: number | string; name: string; isLead: boolean; highlight?: boolean }> }) {
  return (
    <>
      {units.map((unit, index) => (
        <span key={unit.key} className={unit.highlight ? "font-semibold text-stone-800" : ""}>
          {index > 0 ? "、" : ""}
          {unit.isLead ? "★" : ""}
          {unit.name}
        </span>
      ))}
    </>
  );
}
