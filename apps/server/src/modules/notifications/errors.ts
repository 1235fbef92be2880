import { defineErrors } from '../../platform/errors.ts';

export const notificationErrors = defineErrors({
  notification_not_found: { status: 404, title: 'No such notification' },
  category_locked: { status: 422, title: 'This notification category cannot be switched off' },
  unknown_category: { status: 422, title: 'No such notification category' },
  invalid_unsubscribe_token: { status: 400, title: 'The unsubscribe link is not valid or has expired' },
});
