import { declareNotPersonal } from '../privacy/registry.ts';

declareNotPersonal('workspaces', 'workspaces', { name: "the company's name" });
