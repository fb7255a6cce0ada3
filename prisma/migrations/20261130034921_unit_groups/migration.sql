-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('unit', 'group');

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "kind" "UnitKind" NOT NULL DEFAULT 'unit';

-- CreateTable
CREATE TABLE "UnitGroupMember" (
    "groupId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,

    CONSTRAINT "UnitGroupMember_pkey" PRIMARY KEY ("groupId","memberId")
);

-- CreateIndex
CREATE INDEX "UnitGroupMember_memberId_idx" ON "UnitGroupMember"("memberId");

-- AddForeignKey
ALTER TABLE "UnitGroupMember" ADD CONSTRAINT "UnitGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitGroupMember" ADD CONSTRAINT "UnitGroupMember_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Units imported before groups were recognised: the names lib/units/aliases.ts isUnitGroup
-- calls groups become groups, and no longer lead.
UPDATE "Unit" SET "kind" = 'group'
WHERE "name" ~ '^各' OR "name" ~ '各(级|有关|相关|直属)?(单位|部门|镇|街道|乡|县|区|市|地)'
   OR "name" ~ '成员单位$' OR "name" ~ '^(市级|县级|区级)?(有关|相关)(单位|部门)$';
UPDATE "TaskUnit" SET "isLead" = false
WHERE "isLead" AND "unitId" IN (SELECT "id" FROM "Unit" WHERE "kind" = 'group');

-- A commission (委) was filed under a bureau's name (局) by an old abbreviation table: give it
-- back the name its documents use, where that spelling is on record as its alias and the name
-- is free in its government. A unit also written as a bureau (a 局 spelling besides the old name)
-- is left for the office to decide.
UPDATE "Unit" u SET "name" = fix.commission
FROM (VALUES ('发改局', '发展改革委'), ('卫生健康局', '卫生健康委')) AS fix(bureau, commission)
WHERE u."name" = fix.bureau
  AND EXISTS (SELECT 1 FROM "UnitAlias" a WHERE a."unitId" = u."id" AND a."alias" IN (fix.commission, '市' || fix.commission))
  AND NOT EXISTS (SELECT 1 FROM "UnitAlias" a WHERE a."unitId" = u."id" AND a."alias" ~ '局\)?$' AND a."alias" NOT IN (fix.bureau, '市' || fix.bureau))
  AND NOT EXISTS (SELECT 1 FROM "Unit" o WHERE o."government" = u."government" AND o."name" = fix.commission);
