/** Cutover day (issue 18 item 4): windows, the stages of the night, reminders and retention. Pure. */

export const CUTOVER_WINDOW_STATUSES = ["proposed", "confirmed", "withdrawn"] as const;
export type CutoverWindowStatus = (typeof CUTOVER_WINDOW_STATUSES)[number];

/** What the technician reports during the window, in order; done and rolled_back end it. */
export const CUTOVER_STAGES = ["started", "synced", "switched", "verifying", "done", "rolled_back"] as const;
export type CutoverStage = (typeof CUTOVER_STAGES)[number];
