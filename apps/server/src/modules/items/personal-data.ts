import { declareNotPersonal } from '../privacy/registry.ts';

declareNotPersonal('items', 'items', { name: "the item's name" });
