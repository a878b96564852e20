-- Issue 21: incident updates and answers (versioned posts) and how an incident publishes them (approval rule, status page)
-- CreateTable
CREATE TABLE "incident_post" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "incident_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "published_version" INTEGER,
    "first_published_at" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),
    "withdrawn_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_by_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_post_version" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "post_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "author_id" UUID,
    "author_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "published_by_id" UUID,
    "published_by_name" TEXT,

    CONSTRAINT "incident_post_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_publishing" (
    "incident_id" UUID NOT NULL,
    "approval_role" "Role",
    "different_from_author" BOOLEAN NOT NULL DEFAULT false,
    "status_slug" TEXT,
    "status_enabled" BOOLEAN NOT NULL DEFAULT false,
    "status_indexable" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_publishing_pkey" PRIMARY KEY ("incident_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "incident_post_incident_id_kind_number_key" ON "incident_post"("incident_id", "kind", "number");

-- CreateIndex
CREATE UNIQUE INDEX "incident_post_version_post_id_version_key" ON "incident_post_version"("post_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "incident_publishing_status_slug_key" ON "incident_publishing"("status_slug");

-- AddForeignKey
ALTER TABLE "incident_post_version" ADD CONSTRAINT "incident_post_version_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "incident_post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

