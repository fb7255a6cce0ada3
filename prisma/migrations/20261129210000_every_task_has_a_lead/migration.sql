-- Every task with responsible units has at least one lead unit (牵头单位): where none is marked,
-- the first listed unit leads. lib/reporting reads the lead units from "isLead" alone.
UPDATE "TaskUnit" tu
SET "isLead" = true
FROM (
  SELECT DISTINCT ON (t."taskId") t."taskId", t."unitId"
  FROM "TaskUnit" t
  WHERE NOT EXISTS (SELECT 1 FROM "TaskUnit" l WHERE l."taskId" = t."taskId" AND l."isLead")
  ORDER BY t."taskId", t.position
) first_listed
WHERE tu."taskId" = first_listed."taskId" AND tu."unitId" = first_listed."unitId";
