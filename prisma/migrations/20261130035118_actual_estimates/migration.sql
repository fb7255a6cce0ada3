-- AlterTable
ALTER TABLE "ProgressActual" ADD COLUMN     "estimated" BOOLEAN NOT NULL DEFAULT false;
