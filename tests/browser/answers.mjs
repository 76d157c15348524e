// Answer sets for the browser journeys: what a person with each story would answer, in the answer vocabulary of
// CONTRACTS.md. The level each set reaches is the rule set's (rules/triage.json), asserted by the tests against
// the texts on screen; the sets are here so every test file tells the same stories.

/** No red flag of any kind. */
export const NO_RED_FLAGS = Object.freeze({
  urinary_retention_new: 'no',
  urinary_incontinence_new: 'no',
  bowel_incontinence_new: 'no',
  saddle_numbness: 'no',
  sexual_dysfunction_new: 'no',
  weakness_progression: 'none',
  fever: 'no',
  iv_drug_use: 'no',
  immunosuppressed: 'no',
  history_of_cancer: 'no',
  unexplained_weight_loss: 'no',
  night_pain_unrelenting: 'no',
  major_trauma: 'no',
  osteoporosis_or_long_term_steroids: 'no',
});

/** Self care: two weeks of dull, aching back and buttock pain in a 35-year-old, no sign of a trapped nerve. */
export const SELF_CARE = Object.freeze({
  ...NO_RED_FLAGS,
  age: 35,
  back_pain: 'yes',
  leg_pain: 'yes',
  leg_pain_side: 'left',
  leg_pain_duration_weeks: 2,
  onset: 'gradual',
  pain_quality: ['dull', 'aching'],
  pain_below_knee: 'no',
  pain_narrow_band: 'no',
  leg_pain_worse_than_back: 'no',
  worse_with_cough_sneeze: 'no',
  worse_with_sitting_bending: 'no',
  centralizes_with_movement: 'yes',
  walking_leg_pain_eased_by_sitting: 'no',
  walking_calf_pain_eased_by_standing_still: 'no',
  pain_uncontrolled: 'no',
  pain_regions: ['lower_back', 'left_buttock'],
  heel_walk_difficulty: 'no',
  toe_walk_difficulty: 'no',
  squat_rise_difficulty: 'no',
  treatments_tried: ['activity_modification'],
});

/** Soon: eight weeks of sharp, shooting left sciatica down the outer shin to the big toe, numb top of foot (L5). */
export const SOON_L5_LEFT = Object.freeze({
  ...NO_RED_FLAGS,
  age: 42,
  back_pain: 'yes',
  leg_pain: 'yes',
  leg_pain_side: 'left',
  leg_pain_duration_weeks: 8,
  onset: 'sudden',
  pain_quality: ['sharp', 'shooting'],
  pain_below_knee: 'yes',
  pain_narrow_band: 'yes',
  leg_pain_worse_than_back: 'yes',
  worse_with_cough_sneeze: 'yes',
  worse_with_sitting_bending: 'yes',
  centralizes_with_movement: 'no',
  walking_leg_pain_eased_by_sitting: 'no',
  walking_calf_pain_eased_by_standing_still: 'no',
  pain_uncontrolled: 'no',
  pain_regions: ['left_buttock', 'left_posterior_thigh', 'left_lateral_shin'],
  numbness_regions: ['left_dorsum_foot', 'left_big_toe'],
  tingling_regions: ['left_lateral_shin'],
  heel_walk_difficulty: 'no',
  toe_walk_difficulty: 'no',
  squat_rise_difficulty: 'no',
  treatments_tried: ['activity_modification', 'nsaids'],
});

/** Urgent: new leg pain for three weeks at 58 (new back and leg pain over 50 needs a doctor today). */
export const URGENT_OVER_50 = Object.freeze({
  ...SELF_CARE,
  age: 58,
  leg_pain_duration_weeks: 3,
});

/** Emergency: new trouble emptying the bladder, the very first question. */
export const EMERGENCY_RETENTION = Object.freeze({ urinary_retention_new: 'yes' });
