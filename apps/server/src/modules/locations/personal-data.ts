import { declareNotPersonal } from '../privacy/registry.ts';

declareNotPersonal('locations', 'locations', { name: "the location's name" });
