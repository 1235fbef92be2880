-- Why a work order was cancelled, as typed by whoever cancelled it (trimmed; NULL when none was
-- given). It lives on the order, not in the hashed audit summary, so it can be shown on the order
-- and erased; the audit event records only whether a reason was given and, through its actor, who
-- cancelled. The bound matches the cancel route's schema (maxLength 200).
-- The table's row-level security policy and its table-wide grant to opsledger_app (0003) cover the
-- new column; nothing else is needed.
ALTER TABLE work_orders ADD COLUMN cancel_reason text
  CHECK (cancel_reason IS NULL OR (length(cancel_reason) BETWEEN 1 AND 200 AND cancel_reason = btrim(cancel_reason)));
