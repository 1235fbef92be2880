import { declareNotPersonal } from '../privacy/registry.ts';

declareNotPersonal('roles', 'roles', { name: "the role's name" });
