// Answer sets for the browser journeys: what a person with each story would answer, in the answer vocabulary of
// rules/schema/answers.schema.json. The level each set reaches is the rule set's (rules/triage.json), asserted by the tests against
// the texts on screen; the sets are here so every test file tells the same stories.

/** No red flag of any kind. */
export const NO_RED_FLAGS = Object.freeze({
  urinary_retention_new: 'no',
  urinary_incontinence_new: 'no',
  bowel_incontinence_new: 'no',
  saddle_numbness: 'no',
  sexual_dysfunction_new: 'no',
  weakness_progression: 'none',
  calf_swelling_redness: 'no',
  leg_cold_pale_sudden: 'no',
  sudden_severe_pain_faint: 'no',
  fever: 'no',
  recent_spinal_procedure_or_infection: 'no',
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
  back_pain_duration_weeks: 2,
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

/**
 * The classic journey: two weeks of one-sided sciatica (left L5, shooting down the outer shin to the big toe with
 * pins and needles on top of the foot) in a 35-year-old, no red flag, no weakness: self-care.
 */
export const CLASSIC_SCIATICA = Object.freeze({
  ...NO_RED_FLAGS,
  age: 35,
  back_pain: 'yes',
  leg_pain: 'yes',
  back_pain_duration_weeks: 2,
  leg_pain_side: 'left',
  leg_pain_duration_weeks: 2,
  onset: 'sudden',
  pain_regions: ['left_buttock', 'left_lateral_shin', 'left_dorsum_foot'],
  tingling_regions: ['left_dorsum_foot'],
  pain_quality: ['shooting'],
  pain_narrow_band: 'yes',
  leg_pain_worse_than_back: 'yes',
  worse_with_cough_sneeze: 'yes',
  worse_with_sitting_bending: 'yes',
  centralizes_with_movement: 'no',
  walking_leg_pain_eased_by_sitting: 'no',
  walking_calf_pain_eased_by_standing_still: 'no',
  pain_uncontrolled: 'no',
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
  back_pain_duration_weeks: 3,
  leg_pain_side: 'left',
  leg_pain_duration_weeks: 8,
  onset: 'sudden',
  pain_quality: ['sharp', 'shooting'],
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

/** Urgent: three weeks of new back and leg pain at 58 after treatment for cancer (a doctor today, NICE NG234). */
export const URGENT_CANCER_HISTORY = Object.freeze({
  ...SELF_CARE,
  history_of_cancer: 'yes',
  age: 58,
  back_pain_duration_weeks: 3,
  leg_pain_duration_weeks: 3,
});

/** Self care: the same three weeks of new pain at 58 without the history of cancer; age alone changes nothing. */
export const SELF_CARE_OVER_50 = Object.freeze({ ...URGENT_CANCER_HISTORY, history_of_cancer: 'no' });

/**
 * Soon: a 62-year-old with 26 weeks of aching in both legs on walking, eased by sitting, unchanged for months
 * (long-standing stable neurogenic claudication: spinal stenosis, a clinician soon, not an emergency).
 */
export const SOON_STABLE_STENOSIS = Object.freeze({
  ...NO_RED_FLAGS,
  age: 62,
  back_pain: 'yes',
  leg_pain: 'yes',
  back_pain_duration_weeks: 26,
  leg_pain_side: 'both',
  leg_pain_duration_weeks: 26,
  onset: 'gradual',
  pain_regions: ['lower_back', 'left_buttock', 'right_buttock', 'left_posterior_thigh', 'right_posterior_thigh',
    'left_posterior_calf', 'right_posterior_calf'],
  both_legs_new: 'no',
  pain_quality: ['aching'],
  pain_narrow_band: 'no',
  leg_pain_worse_than_back: 'yes',
  worse_with_cough_sneeze: 'no',
  worse_with_sitting_bending: 'no',
  centralizes_with_movement: 'no',
  walking_leg_pain_eased_by_sitting: 'yes',
  walking_calf_pain_eased_by_standing_still: 'no',
  pain_uncontrolled: 'no',
  heel_walk_difficulty: 'no',
  toe_walk_difficulty: 'no',
  squat_rise_difficulty: 'no',
  treatments_tried: ['nsaids'],
});

/** Emergency: new trouble emptying the bladder, the very first question. */
export const EMERGENCY_RETENTION = Object.freeze({ urinary_retention_new: 'yes' });
