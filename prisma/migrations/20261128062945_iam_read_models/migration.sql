-- CreateTable
CREATE TABLE "credential_secrets" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "material" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credential_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mfa_totp_steps" (
    "device_id" TEXT NOT NULL,
    "last_step" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mfa_totp_steps_pkey" PRIMARY KEY ("device_id")
);

-- CreateTable
CREATE TABLE "credential_last_used" (
    "credential_id" TEXT NOT NULL,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "credential_last_used_pkey" PRIMARY KEY ("credential_id")
);

-- CreateTable
CREATE TABLE "iam_account" (
    "account_id" TEXT NOT NULL,
    "root_email" TEXT NOT NULL,
    "support_plan" TEXT NOT NULL,
    "password_policy" JSONB,
    "root_mfa_serial_number" TEXT,
    "root_password_changed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_account_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "iam_users" (
    "user_id" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "permissions_boundary_arn" TEXT,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "has_password" BOOLEAN NOT NULL DEFAULT false,
    "password_reset_required" BOOLEAN NOT NULL DEFAULT false,
    "password_changed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_users_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "iam_groups" (
    "group_id" TEXT NOT NULL,
    "group_name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_groups_pkey" PRIMARY KEY ("group_id")
);

-- CreateTable
CREATE TABLE "iam_group_members" (
    "group_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_group_members_pkey" PRIMARY KEY ("group_id","user_id")
);

-- CreateTable
CREATE TABLE "iam_roles" (
    "role_id" TEXT NOT NULL,
    "role_name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "assume_role_policy_document" TEXT NOT NULL,
    "description" TEXT,
    "max_session_duration" INTEGER NOT NULL,
    "permissions_boundary_arn" TEXT,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_roles_pkey" PRIMARY KEY ("role_id")
);

-- CreateTable
CREATE TABLE "iam_managed_policies" (
    "policy_id" TEXT NOT NULL,
    "policy_name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "description" TEXT,
    "default_version_id" TEXT NOT NULL,
    "attachment_count" INTEGER NOT NULL DEFAULT 0,
    "permissions_boundary_usage_count" INTEGER NOT NULL DEFAULT 0,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_managed_policies_pkey" PRIMARY KEY ("policy_id")
);

-- CreateTable
CREATE TABLE "iam_policy_versions" (
    "policy_id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_policy_versions_pkey" PRIMARY KEY ("policy_id","version_id")
);

-- CreateTable
CREATE TABLE "iam_policy_attachments" (
    "policy_id" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "usage" TEXT NOT NULL,
    "attached_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_policy_attachments_pkey" PRIMARY KEY ("policy_id","entity_id","usage")
);

-- CreateTable
CREATE TABLE "iam_inline_policies" (
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "policy_name" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_inline_policies_pkey" PRIMARY KEY ("entity_id","policy_name")
);

-- CreateTable
CREATE TABLE "iam_access_keys" (
    "access_key_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_access_keys_pkey" PRIMARY KEY ("access_key_id")
);

-- CreateTable
CREATE TABLE "iam_mfa_devices" (
    "device_id" TEXT NOT NULL,
    "device_name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "serial_number" TEXT NOT NULL,
    "user_id" TEXT,
    "assigned_to_root" BOOLEAN NOT NULL DEFAULT false,
    "enabled_at" TIMESTAMPTZ(3),
    "tags" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "iam_mfa_devices_pkey" PRIMARY KEY ("device_id")
);

-- CreateTable
CREATE TABLE "iam_sessions" (
    "session_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "principal_arn" TEXT NOT NULL,
    "principal_type" TEXT NOT NULL,
    "user_id" TEXT,
    "role_id" TEXT,
    "access_key_id" TEXT,
    "original_principal_arn" TEXT NOT NULL,
    "source_identity" TEXT,
    "mfa_authenticated" BOOLEAN NOT NULL,
    "root_sign_in" BOOLEAN NOT NULL,
    "source_ip" TEXT,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoke_reason" TEXT,

    CONSTRAINT "iam_sessions_pkey" PRIMARY KEY ("session_id")
);

-- CreateIndex
CREATE INDEX "iam_users_name_key_idx" ON "iam_users"("name_key");

-- CreateIndex
CREATE INDEX "iam_users_path_idx" ON "iam_users"("path");

-- CreateIndex
CREATE INDEX "iam_groups_name_key_idx" ON "iam_groups"("name_key");

-- CreateIndex
CREATE INDEX "iam_group_members_user_id_idx" ON "iam_group_members"("user_id");

-- CreateIndex
CREATE INDEX "iam_roles_name_key_idx" ON "iam_roles"("name_key");

-- CreateIndex
CREATE INDEX "iam_managed_policies_name_key_idx" ON "iam_managed_policies"("name_key");

-- CreateIndex
CREATE INDEX "iam_managed_policies_arn_idx" ON "iam_managed_policies"("arn");

-- CreateIndex
CREATE INDEX "iam_policy_attachments_entity_id_idx" ON "iam_policy_attachments"("entity_id");

-- CreateIndex
CREATE INDEX "iam_access_keys_user_id_idx" ON "iam_access_keys"("user_id");

-- CreateIndex
CREATE INDEX "iam_mfa_devices_name_key_idx" ON "iam_mfa_devices"("name_key");

-- CreateIndex
CREATE INDEX "iam_mfa_devices_user_id_idx" ON "iam_mfa_devices"("user_id");

-- CreateIndex
CREATE INDEX "iam_sessions_principal_arn_idx" ON "iam_sessions"("principal_arn");

-- CreateIndex
CREATE INDEX "iam_sessions_user_id_idx" ON "iam_sessions"("user_id");

-- CreateIndex
CREATE INDEX "iam_sessions_role_id_idx" ON "iam_sessions"("role_id");


-- Hand-written (Prisma cannot express it): credential_secrets is insert-only.
-- A secret can be destroyed (DELETE, e.g. purging a deleted credential) but never
-- changed: UPDATE and TRUNCATE are refused, so nobody with write access to the
-- table can swap a password hash or a key digest for one they know.
CREATE FUNCTION credential_secrets_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'credential_secrets is insert-only: % is not allowed', TG_OP USING ERRCODE = 'GH002';
END
$$;

CREATE TRIGGER credential_secrets_no_update BEFORE UPDATE ON credential_secrets
  FOR EACH ROW EXECUTE FUNCTION credential_secrets_refuse_change();
CREATE TRIGGER credential_secrets_no_truncate BEFORE TRUNCATE ON credential_secrets
  FOR EACH STATEMENT EXECUTE FUNCTION credential_secrets_refuse_change();
