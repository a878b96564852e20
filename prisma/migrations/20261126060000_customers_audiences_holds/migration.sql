-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('running', 'completed', 'failed');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'marketing';

-- AlterTable
ALTER TABLE "customer" ADD COLUMN     "erased_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "incident" ADD COLUMN     "affected_filter" JSONB,
ADD COLUMN     "closed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "suppression" (
    "customer_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "notification_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppression_pkey" PRIMARY KEY ("customer_id","channel")
);

-- CreateTable
CREATE TABLE "customer_import" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "format" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "dry_run" BOOLEAN NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "status" "ImportStatus" NOT NULL DEFAULT 'running',
    "phase" TEXT NOT NULL DEFAULT 'uploading',
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "rows_read" INTEGER NOT NULL DEFAULT 0,
    "rows_valid" INTEGER NOT NULL DEFAULT 0,
    "rows_imported" INTEGER NOT NULL DEFAULT 0,
    "rows_rejected" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_chunk" (
    "import_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "import_chunk_pkey" PRIMARY KEY ("import_id","seq")
);

-- CreateTable
CREATE TABLE "import_row" (
    "import_id" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "name" TEXT,
    "locale" TEXT,
    "timezone" TEXT,
    "attributes" JSONB,
    "tags" TEXT[],
    "present" INTEGER NOT NULL,

    CONSTRAINT "import_row_pkey" PRIMARY KEY ("import_id","row")
);

-- CreateTable
CREATE TABLE "import_error" (
    "id" BIGSERIAL NOT NULL,
    "import_id" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "line" INTEGER,
    "field" TEXT,
    "message" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'error',

    CONSTRAINT "import_error_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_error_import_id_row_idx" ON "import_error"("import_id", "row");

-- CreateIndex
CREATE INDEX "affected_customer_customer_id_idx" ON "affected_customer"("customer_id");

-- CreateIndex
CREATE INDEX "affected_customer_added_at_idx" ON "affected_customer"("added_at");

-- AddForeignKey
ALTER TABLE "suppression" ADD CONSTRAINT "suppression_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

