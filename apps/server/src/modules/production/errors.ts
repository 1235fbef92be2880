import { defineErrors } from '../../platform/errors.ts';

export const productionErrors = defineErrors({
  work_center_not_found: { status: 404, title: 'No such work center' },
  work_center_code_taken: { status: 409, title: 'A work center with this code already exists' },
  unknown_work_center: { status: 422, title: 'No work center has this code' },
  bom_not_found: { status: 404, title: 'No such bill of materials' },
  routing_not_found: { status: 404, title: 'No such routing' },
  no_active_routing: { status: 422, title: 'The item has no active routing; create one or name a routing' },
  invalid_bom: { status: 422, title: 'The bill of materials is not valid' },
  invalid_routing: { status: 422, title: 'The routing is not valid' },
  work_order_not_found: { status: 404, title: 'No such work order' },
  invalid_status_change: { status: 409, title: 'The work order is not in a state that allows this' },
  work_order_not_active: { status: 409, title: 'The work order is not released or in progress' },
  unknown_step: { status: 422, title: 'The work order has no such step' },
  wrong_work_center: { status: 422, title: 'This step is done at another work center' },
  step_already_running: { status: 409, title: 'The step is already running' },
  step_not_running: { status: 409, title: 'The step is not running' },
  step_not_paused: { status: 409, title: 'The step is not paused' },
  unknown_downtime_reason: { status: 422, title: 'No downtime reason has this code' },
  exceeds_available: { status: 409, title: 'More than the previous step passed is waiting at this step' },
  event_not_correctable: { status: 422, title: 'Only a completion of this work order can be corrected' },
  already_corrected: { status: 409, title: 'This event has already been corrected' },
  correction_blocked: {
    status: 409,
    title: 'Later steps have already worked on these units; correct those first',
  },
  production_movement: {
    status: 409,
    title: 'This movement belongs to a work order: correct the step event instead',
  },
});
