/** A form's text fields as a plain object, for a zod schema to check. */
export function formEntries(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
