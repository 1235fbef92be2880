-- An optional minimum stock level per item, in the item's stock unit, over all its internal
-- locations. When a posting takes on-hand from at-or-above it to below it, the people who manage
-- items get an 'operations' notification (raised in the posting's own transaction). NULL: no minimum.
ALTER TABLE items ADD COLUMN min_stock numeric(20, 6) CHECK (min_stock >= 0);
