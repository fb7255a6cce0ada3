-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "nextSteps" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "problems" TEXT NOT NULL DEFAULT '';
