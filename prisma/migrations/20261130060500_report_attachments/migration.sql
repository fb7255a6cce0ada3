-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "uploadedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_reportId_idx" ON "Attachment"("reportId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The portal lists the public attachments of published reports: marking one public or not, or
-- removing a public one, changes what the public reads (migration 20261130030000_public_revision).
CREATE CONSTRAINT TRIGGER "Attachment_public_revision_insert" AFTER INSERT ON "Attachment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW."public") EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "Attachment_public_revision_update" AFTER UPDATE ON "Attachment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."public" OR NEW."public") EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "Attachment_public_revision_delete" AFTER DELETE ON "Attachment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."public") EXECUTE FUNCTION luoshi_public_changed();
CREATE TRIGGER "Attachment_public_revision_truncate" AFTER TRUNCATE ON "Attachment" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
