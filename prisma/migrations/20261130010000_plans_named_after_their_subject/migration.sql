-- A quarterly progress table's plan is named after what it reports on, not after its quarter
-- ("2025年政府工作报告重点工作一季度完成情况" → "2025年政府工作报告重点工作", lib/import/pipe-table.ts),
-- so that the next quarter's table finds the same plan and its pages do not say 一季度. Where two
-- such plans would take one name, the older one takes it and the other keeps its own.
WITH named AS (
  SELECT id, government, year,
    regexp_replace(title, '(第?(前三季度|[一二三四1-4]季度)|上半年|全年|1\s*[-—~至]\s*[0-9]{1,2}\s*月份?)的?(完成|进展|推进|落实)情况(汇总)?表?$', '') AS subject
  FROM "Plan"
  WHERE kind = 'key_tasks'
    AND title ~ '(第?(前三季度|[一二三四1-4]季度)|上半年|全年|1\s*[-—~至]\s*[0-9]{1,2}\s*月份?)的?(完成|进展|推进|落实)情况(汇总)?表?$'
), first_named AS (
  SELECT DISTINCT ON (government, year, subject) id, subject
  FROM named
  WHERE subject <> ''
  ORDER BY government, year, subject, id
)
UPDATE "Plan" p
SET title = f.subject
FROM first_named f
WHERE p.id = f.id
  AND NOT EXISTS (SELECT 1 FROM "Plan" o WHERE o.government = p.government AND o.year = p.year AND o.title = f.subject);
