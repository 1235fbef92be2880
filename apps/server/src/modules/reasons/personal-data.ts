import { declareNotPersonal } from '../privacy/registry.ts';

declareNotPersonal('reasons', 'waste_reasons', { name: 'the waste reason' });
