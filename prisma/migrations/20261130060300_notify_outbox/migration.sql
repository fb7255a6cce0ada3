-- CreateEnum
CREATE TYPE "RobotPlatform" AS ENUM ('dingtalk', 'wecom');

-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('email', 'dingtalk', 'wecom', 'inapp');

-- CreateEnum
CREATE TYPE "MessageState" AS ENUM ('pending', 'sending', 'sent', 'failed');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "email" TEXT,
ADD COLUMN     "mobile" TEXT;

-- CreateTable
CREATE TABLE "UnitRobot" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "platform" "RobotPlatform" NOT NULL,
    "name" TEXT NOT NULL,
    "webhookUrl" TEXT NOT NULL,
    "secret" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitRobot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "userId" INTEGER,
    "robotId" INTEGER,
    "address" TEXT,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" "MessageState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitRobot_unitId_idx" ON "UnitRobot"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_nextAttemptAt_idx" ON "OutboxMessage"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_userId_createdAt_idx" ON "OutboxMessage"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "UnitRobot" ADD CONSTRAINT "UnitRobot_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_robotId_fkey" FOREIGN KEY ("robotId") REFERENCES "UnitRobot"("id") ON DELETE SET NULL ON UPDATE CASCADE;
