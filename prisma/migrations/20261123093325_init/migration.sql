-- CreateEnum
CREATE TYPE "PlanKind" AS ENUM ('key_tasks', 'policy_list', 'work_report');

-- CreateEnum
CREATE TYPE "LeadConvention" AS ENUM ('star', 'first_listed');

-- CreateEnum
CREATE TYPE "TaskKind" AS ENUM ('key', 'livelihood', 'livelihood_project', 'policy', 'policy_area');

-- CreateEnum
CREATE TYPE "TargetKind" AS ENUM ('growth', 'decrease', 'level', 'quantity');

-- CreateEnum
CREATE TYPE "Comparator" AS ENUM ('gte', 'lte', 'approx', 'gt', 'lt', 'eq');

-- CreateEnum
CREATE TYPE "TargetReview" AS ENUM ('parsed', 'confirmed', 'corrected');

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('draft', 'submitted', 'returned', 'approved', 'published');

-- CreateEnum
CREATE TYPE "QualitativeStatus" AS ENUM ('not_started', 'in_progress', 'completed');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('unit_staff', 'office', 'leader');

-- CreateTable
CREATE TABLE "Plan" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "government" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "PlanKind" NOT NULL,
    "leadConvention" "LeadConvention" NOT NULL,
    "sourceFile" TEXT NOT NULL,
    "documentText" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GlossaryEntry" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "term" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,

    CONSTRAINT "GlossaryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Leader" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,

    CONSTRAINT "Leader_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "leaderId" INTEGER,
    "numberScope" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" "TaskKind" NOT NULL,
    "section" TEXT,
    "text" TEXT NOT NULL,
    "originalText" TEXT,
    "parentId" INTEGER,
    "sourceLine" INTEGER,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "TargetKind" NOT NULL,
    "comparator" "Comparator" NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "unit" TEXT NOT NULL,
    "originalText" TEXT NOT NULL,
    "review" "TargetReview" NOT NULL DEFAULT 'parsed',

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "government" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitAlias" (
    "government" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,

    CONSTRAINT "UnitAlias_pkey" PRIMARY KEY ("government","alias")
);

-- CreateTable
CREATE TABLE "TaskUnit" (
    "taskId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "isLead" BOOLEAN NOT NULL,
    "leadCorrected" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL,

    CONSTRAINT "TaskUnit_pkey" PRIMARY KEY ("taskId","unitId")
);

-- CreateTable
CREATE TABLE "ReportingPeriod" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "closed" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ReportingPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "periodId" INTEGER NOT NULL,
    "narrative" TEXT NOT NULL DEFAULT '',
    "qualitativeStatus" "QualitativeStatus",
    "state" "ReviewState" NOT NULL DEFAULT 'draft',
    "late" BOOLEAN NOT NULL DEFAULT false,
    "reviewComment" TEXT,
    "filedById" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressActual" (
    "reportId" INTEGER NOT NULL,
    "targetId" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "source" TEXT,

    CONSTRAINT "ProgressActual_pkey" PRIMARY KEY ("reportId","targetId")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL,
    "unitId" INTEGER,
    "leaderName" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "taskId" INTEGER,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Plan_government_year_title_key" ON "Plan"("government", "year", "title");

-- CreateIndex
CREATE UNIQUE INDEX "GlossaryEntry_planId_number_key" ON "GlossaryEntry"("planId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Leader_planId_name_key" ON "Leader"("planId", "name");

-- CreateIndex
CREATE INDEX "Task_leaderId_idx" ON "Task"("leaderId");

-- CreateIndex
CREATE INDEX "Task_parentId_idx" ON "Task"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Task_planId_numberScope_number_key" ON "Task"("planId", "numberScope", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Target_taskId_position_key" ON "Target"("taskId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_government_name_key" ON "Unit"("government", "name");

-- CreateIndex
CREATE INDEX "UnitAlias_unitId_idx" ON "UnitAlias"("unitId");

-- CreateIndex
CREATE INDEX "TaskUnit_unitId_idx" ON "TaskUnit"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingPeriod_planId_quarter_key" ON "ReportingPeriod"("planId", "quarter");

-- CreateIndex
CREATE INDEX "ProgressReport_periodId_state_idx" ON "ProgressReport"("periodId", "state");

-- CreateIndex
CREATE INDEX "ProgressReport_unitId_idx" ON "ProgressReport"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_taskId_unitId_periodId_key" ON "ProgressReport"("taskId", "unitId", "periodId");

-- CreateIndex
CREATE INDEX "ProgressActual_targetId_idx" ON "ProgressActual"("targetId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "AuditEvent_taskId_createdAt_idx" ON "AuditEvent"("taskId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- AddForeignKey
ALTER TABLE "GlossaryEntry" ADD CONSTRAINT "GlossaryEntry_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Leader" ADD CONSTRAINT "Leader_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_leaderId_fkey" FOREIGN KEY ("leaderId") REFERENCES "Leader"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitAlias" ADD CONSTRAINT "UnitAlias_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskUnit" ADD CONSTRAINT "TaskUnit_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskUnit" ADD CONSTRAINT "TaskUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingPeriod" ADD CONSTRAINT "ReportingPeriod_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_filedById_fkey" FOREIGN KEY ("filedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressActual" ADD CONSTRAINT "ProgressActual_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressActual" ADD CONSTRAINT "ProgressActual_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;
