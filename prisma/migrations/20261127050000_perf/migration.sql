-- Staged import rows are rebuilt from the stored upload whenever an import job runs again (resetStaging),
-- so they need no write-ahead log (less disk and CPU for each staged row). After a crash
-- PostgreSQL empties the table, which the restarted job expects anyway.
ALTER TABLE "import_row" SET UNLOGGED;

-- CreateIndex
CREATE INDEX "import_row_import_id_external_id_idx" ON "import_row"("import_id", "external_id");

-- The worker reads an upload's pieces back in small slices: stored uncompressed, a slice reads only its
-- own part instead of decompressing the whole piece each time
ALTER TABLE "import_chunk" ALTER COLUMN "data" SET STORAGE EXTERNAL;
