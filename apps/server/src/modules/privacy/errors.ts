import { defineErrors } from '../../platform/errors.ts';

export const privacyErrors = defineErrors({
  export_not_found: { status: 404, title: 'No such export' },
  export_not_ready: { status: 409, title: 'The export is not ready yet' },
  export_gone: { status: 410, title: 'This export was already downloaded or has expired' },
  legal_hold: { status: 409, title: 'This person is under a legal hold and cannot be erased' },
  legal_hold_exists: { status: 409, title: 'This person is already under a legal hold' },
  no_legal_hold: { status: 404, title: 'This person is not under a legal hold' },
  already_erased: { status: 409, title: 'This person has already been erased' },
  cannot_erase_self: { status: 409, title: 'You cannot erase your own account' },
  correction_not_found: { status: 404, title: 'No such correction request' },
  already_decided: { status: 409, title: 'This correction request has already been decided' },
  invalid_correction_value: { status: 422, title: 'The corrected value is not valid for this field' },
  retention_out_of_range: { status: 422, title: 'A retention period is outside what this category allows' },
  retention_running: { status: 409, title: 'A retention run for this workspace is already in progress' },
});
