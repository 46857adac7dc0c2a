import { useCallback, useState } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError, errorMessage } from './api';
import { applyFieldErrors } from './form-errors';

export interface SubmitOptions {
  /** Form whose fields get the server's field errors (400 details.fields). */
  form?: FormInstance;
  /** Form field names, when the form store does not list them all (e.g. fields still empty). */
  fieldNames?: readonly string[];
  /** Message shown after success, e.g. "部门已创建". */
  success?: string;
  /** Error codes that belong to one field although the server sends no field list, e.g. { IDENTITY_USERNAME_TAKEN: 'username' }. */
  codeFields?: Record<string, string>;
}

/**
 * Runs a change (POST/PUT/PATCH/DELETE) with a busy flag and consistent feedback:
 * success toast, field errors on the form, otherwise the server's Chinese message.
 * Resolves to the result, or `undefined` when it failed (the user has been told why).
 */
export function useSubmit() {
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);

  const run = useCallback(
    async <T>(action: () => Promise<T>, options: SubmitOptions = {}): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> => {
      setSubmitting(true);
      try {
        const value = await action();
        if (options.success) message.success(options.success);
        return { ok: true, value };
      } catch (error) {
        const codeField = error instanceof ApiError ? options.codeFields?.[error.code] : undefined;
        if (options.form && codeField) {
          options.form.setFields([{ name: codeField, errors: [(error as ApiError).message] }]);
          options.form.scrollToField(codeField, { block: 'center' });
          message.error((error as ApiError).message);
        } else if (options.form && error instanceof ApiError && error.fields.length > 0) {
          const unmatched = applyFieldErrors(options.form, error, options.fieldNames);
          // Schema errors list raw field paths in their message; the fields themselves now say what is wrong.
          const generic = error.code === 'REQUEST_INVALID' && unmatched.length === 0;
          message.error(generic ? '提交的内容有误，请按表单中的提示修改' : error.message);
        } else {
          message.error(errorMessage(error));
        }
        return { ok: false, error };
      } finally {
        setSubmitting(false);
      }
    },
    [message],
  );

  return { submitting, run };
}
