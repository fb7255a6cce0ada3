-- CreateTable
CREATE TABLE "ReminderRule" (
    "periodId" INTEGER NOT NULL,
    "daysBefore" INTEGER[],
    "onDueDay" BOOLEAN NOT NULL,
    "overdueEveryDays" INTEGER,
    "escalateAfterDays" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReminderRule_pkey" PRIMARY KEY ("periodId")
);

-- AddForeignKey
ALTER TABLE "ReminderRule" ADD CONSTRAINT "ReminderRule_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;
