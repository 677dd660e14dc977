-- CreateTable
CREATE TABLE "workflow_requests" (
    "request_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "requester_arn" TEXT NOT NULL,
    "requester_person" TEXT NOT NULL,
    "beneficiary_arn" TEXT,
    "summary" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "ticket" TEXT,
    "risk" TEXT NOT NULL,
    "rule_name" TEXT NOT NULL,
    "rule_set_version" INTEGER NOT NULL,
    "break_glass" BOOLEAN NOT NULL,
    "post_review" TEXT NOT NULL,
    "duration_seconds" INTEGER,
    "start_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "pending_until" TIMESTAMPTZ(3) NOT NULL,
    "approved_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "grant_id" TEXT,
    "failure_reason" TEXT,
    "access_removed" BOOLEAN NOT NULL,
    "next_due_at" TIMESTAMPTZ(3),
    "correlation_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workflow_requests_pkey" PRIMARY KEY ("request_id")
);

-- CreateTable
CREATE TABLE "workflow_request_reviewers" (
    "request_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "workflow_request_reviewers_pkey" PRIMARY KEY ("request_id","kind","value")
);

-- CreateTable
CREATE TABLE "workflow_reviews" (
    "event_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "person" TEXT NOT NULL,
    "reviewer_arn" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT,
    "groups" TEXT[],
    "mfa" BOOLEAN NOT NULL,
    "reviewed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workflow_reviews_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "workflow_grants" (
    "grant_id" TEXT NOT NULL,
    "request_id" UUID NOT NULL,
    "beneficiary_arn" TEXT,
    "requester_person" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "activated_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "assignments" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "workflow_grants_pkey" PRIMARY KEY ("grant_id")
);

-- CreateTable
CREATE TABLE "workflow_grant_sessions" (
    "session_id" TEXT NOT NULL,
    "grant_id" TEXT NOT NULL,
    "principal_arn" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "workflow_grant_sessions_pkey" PRIMARY KEY ("session_id")
);

-- CreateTable
CREATE TABLE "workflow_rule_sets" (
    "version" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "published_by" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workflow_rule_sets_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "workflow_webhook_deliveries" (
    "delivery_id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "request_id" UUID NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "workflow_webhook_deliveries_pkey" PRIMARY KEY ("delivery_id")
);

-- CreateTable
CREATE TABLE "workflow_webhook_attempts" (
    "delivery_id" BIGINT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "workflow_webhook_attempts_pkey" PRIMARY KEY ("delivery_id","attempt")
);

-- CreateIndex
CREATE INDEX "workflow_requests_requester_person_submitted_at_idx" ON "workflow_requests"("requester_person", "submitted_at");

-- CreateIndex
CREATE INDEX "workflow_requests_status_submitted_at_idx" ON "workflow_requests"("status", "submitted_at");

-- CreateIndex
CREATE INDEX "workflow_requests_next_due_at_idx" ON "workflow_requests"("next_due_at");

-- CreateIndex
CREATE INDEX "workflow_request_reviewers_kind_value_idx" ON "workflow_request_reviewers"("kind", "value");

-- CreateIndex
CREATE INDEX "workflow_reviews_person_idx" ON "workflow_reviews"("person");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_reviews_request_id_person_key" ON "workflow_reviews"("request_id", "person");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_grants_request_id_key" ON "workflow_grants"("request_id");

-- CreateIndex
CREATE INDEX "workflow_grants_status_expires_at_idx" ON "workflow_grants"("status", "expires_at");

-- CreateIndex
CREATE INDEX "workflow_grants_beneficiary_arn_idx" ON "workflow_grants"("beneficiary_arn");

-- CreateIndex
CREATE INDEX "workflow_grant_sessions_grant_id_idx" ON "workflow_grant_sessions"("grant_id");

-- CreateIndex
CREATE INDEX "workflow_webhook_deliveries_status_next_attempt_at_idx" ON "workflow_webhook_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_webhook_deliveries_event_id_endpoint_key" ON "workflow_webhook_deliveries"("event_id", "endpoint");

