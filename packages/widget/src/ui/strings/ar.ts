import type { Strings } from './index.ts';

export default {
  dir: 'rtl',
  nps_question: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
  not_likely: 'غير محتمل على الإطلاق',
  very_likely: 'محتمل للغاية',
  follow_up: {
    promoter: 'ما أكثر ما يعجبك؟',
    passive: 'ما الذي ينقصنا لنستحق تقييم 10؟',
    detractor: 'ما الذي خيّب ظنك، وما الذي ينبغي أن نحسّنه؟',
  },
  csat_question: 'ما مدى رضاك عن منتجنا؟',
  csat_labels: ['غير راضٍ إطلاقًا', 'غير راضٍ', 'محايد', 'راضٍ', 'راضٍ جدًا'],
  csat_follow_up: 'ما السبب الرئيسي لتقييمك؟',
  comment_label: 'هل هناك شيء آخر تود إخبارنا به؟ (اختياري)',
  cancel_question: 'لماذا تلغي اشتراكك؟',
  uninstall_title: 'يؤسفنا رحيلك',
  uninstall_question: 'لماذا أزلت التثبيت؟ اختر كل ما ينطبق.',
  reason_or_comment: 'يرجى اختيار سبب أو كتابة تعليق.',
  submit_button: 'إرسال',
  later_button: 'اسألني لاحقًا',
  close_button: 'إغلاق',
  skip_button: 'تخطٍّ',
  not_sent: 'عذرًا، تعذّر إرسال إجابتك.',
  thank_you: 'شكرًا لك! تساعدنا ملاحظاتك على التحسين.',
} satisfies Strings;
