// Editing a record on its detail page: check the fields, PATCH them, put the answer in the record's
// query and refresh its list, then say "Saved."; the server's field errors land on their fields.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useConsoleApi } from '../console-api.ts';
import { type FieldErrors, fieldErrorsOf } from '../problem.ts';
import { FormError } from './Field.tsx';

interface EditRecordOptions {
  /** Query key of the record, e.g. `item`; its list is the same with an `s` (`items`). */
  queryKey: string;
  id: string;
  body: () => unknown;
  validate: () => FieldErrors;
  /** Problem codes that belong to a field, e.g. `{ last_admin: 'roles' }`. */
  codes?: Record<string, string>;
}

export function useEditRecord<T>({ queryKey, id, body, validate, codes }: EditRecordOptions) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => api.patch<T>(`/${queryKey}s/${id}`, body()),
    onSuccess: (updated) => {
      queryClient.setQueryData([queryKey, id], updated);
      queryClient.invalidateQueries({ queryKey: [`${queryKey}s`] });
      setSaved(true);
    },
    onError: (error) => setErrors(fieldErrorsOf(error, codes)),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }
  return { errors, saved, isPending: save.isPending, submit };
}

/** The foot of an edit form: what belongs to no field, "Saved." once saved, and Save. */
export function SaveFooter({
  error,
  saved,
  isPending,
}: {
  error?: string;
  saved: boolean;
  isPending: boolean;
}) {
  return (
    <>
      <FormError message={error} />
      {saved && <p role="status">Saved.</p>}
      <button type="submit" disabled={isPending}>
        {isPending ? 'Saving…' : 'Save'}
      </button>
    </>
  );
}
