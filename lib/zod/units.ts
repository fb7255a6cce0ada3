import { z } from "zod";
import { idField } from "@/lib/zod/form";

/** The office's choice of a group's member units: every checked unit is sent as one `memberId` field. */
export const groupMembersSchema = z.object({
  groupId: idField("单位群组"),
  memberIds: z.array(idField("成员单位")).max(1000, "所选单位过多"),
});

export type GroupMembersInput = z.output<typeof groupMembersSchema>;

/** The form's fields as the schema reads them: `memberId` repeats, once per chosen unit. */
export function groupMembersEntries(form: FormData): { groupId: FormDataEntryValue | null; memberIds: FormDataEntryValue[] } {
  return { groupId: form.get("groupId"), memberIds: form.getAll("memberId") };
}
