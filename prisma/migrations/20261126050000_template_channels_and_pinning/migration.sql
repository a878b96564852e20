-- AlterTable
ALTER TABLE "template" ADD COLUMN     "body" TEXT,
ADD COLUMN     "created_by_name" TEXT,
ALTER COLUMN "text" DROP NOT NULL;

-- AlterTable
ALTER TABLE "incident_step" ADD COLUMN     "template_versions" JSONB NOT NULL DEFAULT '{}';

