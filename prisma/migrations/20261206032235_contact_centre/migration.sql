-- Issue 21 item 4: the contact centre in the loop. Contacts logged by agents, CRMs and the notice page,
-- the reasons comms maintains, and the incidents each contact relates to.
-- (No semicolon may appear in a comment here: the migration runner splits the script at every one.)
-- CreateEnum
CREATE TYPE "ContactChannel" AS ENUM ('phone', 'chat', 'email', 'social', 'in_person', 'notice_page');

-- CreateTable
CREATE TABLE "contact_reason" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMPTZ(3),

    CONSTRAINT "contact_reason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "channel" "ContactChannel" NOT NULL,
    "reason_id" UUID,
    "reason_other" TEXT,
    "note" TEXT,
    "resolved" BOOLEAN NOT NULL DEFAULT false,
    "actor_id" UUID,
    "actor_name" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact_incident" (
    "contact_id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contact_incident_pkey" PRIMARY KEY ("contact_id","incident_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "contact_reason_key_key" ON "contact_reason"("key");

-- CreateIndex
CREATE INDEX "contact_customer_id_at_idx" ON "contact"("customer_id", "at");

-- CreateIndex
CREATE INDEX "contact_incident_incident_id_at_contact_id_idx" ON "contact_incident"("incident_id", "at", "contact_id");

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_reason_id_fkey" FOREIGN KEY ("reason_id") REFERENCES "contact_reason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_incident" ADD CONSTRAINT "contact_incident_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Foreign keys to the shared customer and incident tables (kept out of their Prisma models on purpose).
-- Erasure keeps the customer row, so a contact keeps its customer with the note blanked.
ALTER TABLE "contact" ADD CONSTRAINT "contact_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contact_incident" ADD CONSTRAINT "contact_incident_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A starter list of reasons (comms edits, archives and adds to it).
INSERT INTO "contact_reason" ("key", "label", "position") VALUES
  ('am-i-affected', 'Am I affected?', 10),
  ('what-data', 'What data was involved', 20),
  ('what-to-do', 'What should I do', 30),
  ('account-security', 'Password, card or account security', 40),
  ('complaint', 'Complaint', 50),
  ('notice-genuine', 'Is the notice genuine?', 60);
