-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "deadlineText" TEXT,
ADD COLUMN     "dueOn" DATE;
