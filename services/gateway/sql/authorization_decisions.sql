-- Proposed migration (the lead adds it to prisma/migrations; until then the
-- gateway's tests apply this file). Prisma model in services/gateway/README.md.
--
-- Authorization decisions: every decision the gateway makes for its own API and
-- every `isAuthorized` answer. Not the event log: decisions change no state,
-- there are orders of magnitude more of them, and they are deleted after a
-- retention period (issue 8), which the append-only log forbids.
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

-- Retention deletes and time-range audits.
CREATE INDEX "authorization_decisions_decided_at_idx" ON "authorization_decisions"("decided_at");
-- "Last used": when did this principal last use this service / action.
CREATE INDEX "authorization_decisions_principal_arn_service_decided_at_idx" ON "authorization_decisions"("principal_arn", "service", "decided_at" DESC);
