-- CreateTable
CREATE TABLE "PublicRevision" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "token" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicRevision_pkey" PRIMARY KEY ("id")
);

-- The one row. Its token changes whenever anything the public reads changes, in the same
-- transaction as the change, so a reader never sees a new token with old data.
INSERT INTO "PublicRevision" ("id") VALUES (1);

-- A new token once per transaction (a transaction-local setting remembers that it was done).
CREATE FUNCTION luoshi_bump_public_revision() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('luoshi.public_revision_bumped', true) = 'yes' THEN
    RETURN;
  END IF;
  PERFORM set_config('luoshi.public_revision_bumped', 'yes', true);
  INSERT INTO "PublicRevision" ("id", "token", "changedAt") VALUES (1, gen_random_uuid()::text, now())
  ON CONFLICT ("id") DO UPDATE SET "token" = EXCLUDED."token", "changedAt" = EXCLUDED."changedAt";
END $$;

CREATE FUNCTION luoshi_public_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM luoshi_bump_public_revision();
  RETURN NULL;
END $$;

-- A figure changes what the public reads only when its report is published.
CREATE FUNCTION luoshi_public_actual_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM "ProgressReport" r
    WHERE r."id" IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD."reportId" END, CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW."reportId" END)
      AND r."state" = 'published'
  ) THEN
    PERFORM luoshi_bump_public_revision();
  END IF;
  RETURN NULL;
END $$;

-- Deferred to the commit: every transaction takes the revision row's lock last, after all its
-- other locks, so two writers cannot deadlock over it; a rolled-back transaction changes nothing.
CREATE CONSTRAINT TRIGGER "Plan_public_revision" AFTER INSERT OR UPDATE OR DELETE ON "Plan" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "Leader_public_revision" AFTER INSERT OR UPDATE OR DELETE ON "Leader" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "Task_public_revision" AFTER INSERT OR UPDATE OR DELETE ON "Task" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "TaskUnit_public_revision" AFTER INSERT OR UPDATE OR DELETE ON "TaskUnit" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "Target_public_revision" AFTER INSERT OR UPDATE OR DELETE ON "Target" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "Unit_public_revision" AFTER INSERT OR UPDATE OR DELETE ON "Unit" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "ReportingPeriod_public_revision" AFTER INSERT OR UPDATE OR DELETE ON "ReportingPeriod" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "GlossaryEntry_public_revision" AFTER INSERT OR UPDATE OR DELETE ON "GlossaryEntry" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION luoshi_public_changed();
-- Drafts, submissions and reviews are saved all quarter long and change nothing public.
CREATE CONSTRAINT TRIGGER "ProgressReport_public_revision_insert" AFTER INSERT ON "ProgressReport" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW."state" = 'published') EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "ProgressReport_public_revision_update" AFTER UPDATE ON "ProgressReport" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."state" = 'published' OR NEW."state" = 'published') EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "ProgressReport_public_revision_delete" AFTER DELETE ON "ProgressReport" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."state" = 'published') EXECUTE FUNCTION luoshi_public_changed();
CREATE CONSTRAINT TRIGGER "ProgressActual_public_revision" AFTER INSERT OR UPDATE OR DELETE ON "ProgressActual" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION luoshi_public_actual_changed();
-- Emptied tables (tests do this) change everything.
CREATE TRIGGER "Plan_public_revision_truncate" AFTER TRUNCATE ON "Plan" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
CREATE TRIGGER "Task_public_revision_truncate" AFTER TRUNCATE ON "Task" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
CREATE TRIGGER "ProgressReport_public_revision_truncate" AFTER TRUNCATE ON "ProgressReport" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
CREATE TRIGGER "Unit_public_revision_truncate" AFTER TRUNCATE ON "Unit" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
CREATE TRIGGER "Leader_public_revision_truncate" AFTER TRUNCATE ON "Leader" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
CREATE TRIGGER "TaskUnit_public_revision_truncate" AFTER TRUNCATE ON "TaskUnit" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
CREATE TRIGGER "Target_public_revision_truncate" AFTER TRUNCATE ON "Target" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
CREATE TRIGGER "ReportingPeriod_public_revision_truncate" AFTER TRUNCATE ON "ReportingPeriod" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
CREATE TRIGGER "GlossaryEntry_public_revision_truncate" AFTER TRUNCATE ON "GlossaryEntry" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
CREATE TRIGGER "ProgressActual_public_revision_truncate" AFTER TRUNCATE ON "ProgressActual" FOR EACH STATEMENT EXECUTE FUNCTION luoshi_public_changed();
