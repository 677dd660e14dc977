-- CreateTable
CREATE TABLE "authorization_decisions" (
    "id" BIGSERIAL NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "request_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "caller_arn" TEXT NOT NULL,
    "principal_arn" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "matched" JSONB NOT NULL DEFAULT '[]',
    "root" BOOLEAN NOT NULL DEFAULT false,
    "source_ip" TEXT,

    CONSTRAINT "authorization_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "authorization_decisions_decided_at_idx" ON "authorization_decisions"("decided_at");

-- CreateIndex
CREATE INDEX "authorization_decisions_principal_arn_service_decided_at_idx" ON "authorization_decisions"("principal_arn", "service", "decided_at" DESC);

