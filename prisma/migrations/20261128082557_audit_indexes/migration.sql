-- CreateIndex
CREATE INDEX "events_actor_transaction_id_global_position_idx" ON "events"("actor", "transaction_id", "global_position");

-- CreateIndex
CREATE INDEX "events_correlation_id_transaction_id_global_position_idx" ON "events"("correlation_id", "transaction_id", "global_position");

-- CreateIndex
CREATE INDEX "events_type_transaction_id_global_position_idx" ON "events"("type", "transaction_id", "global_position");

-- CreateIndex
CREATE INDEX "events_recorded_at_idx" ON "events"("recorded_at");

