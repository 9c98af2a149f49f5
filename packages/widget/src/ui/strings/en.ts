import type { Strings } from './index.ts';

export default {
  dir: 'ltr',
  nps_question: 'How likely are you to recommend us to a friend or colleague?',
  not_likely: 'not at all likely',
  very_likely: 'extremely likely',
  follow_up: {
    promoter: 'What do you like most?',
    passive: 'What would make it a 10?',
    detractor: 'What disappointed you, and what should we improve?',
  },
  csat_question: 'How satisfied are you with our product?',
  csat_labels: ['Very unsatisfied', 'Unsatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  csat_follow_up: 'What is the main reason for your score?',
  comment_label: 'Anything else you would like to tell us? (optional)',
  cancel_question: 'Why are you cancelling?',
  uninstall_title: 'Sorry to see you go',
  uninstall_question: 'Why did you uninstall? Choose all that apply.',
  reason_or_comment: 'Please choose a reason or write a comment.',
  submit_button: 'Send',
  later_button: 'Ask me later',
  close_button: 'Close',
  skip_button: 'Skip',
  not_sent: 'Sorry, your answer could not be sent.',
  thank_you: 'Thank you! Your feedback helps us improve.',
} satisfies Strings;
