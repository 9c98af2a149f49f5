import type { Strings } from './index.ts';

export const strings: Strings = {
  dir: 'rtl',
  npsQuestion: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
  notLikely: 'غير محتمل على الإطلاق',
  veryLikely: 'محتمل للغاية',
  followUp: {
    promoter: 'ما أكثر ما يعجبك؟',
    passive: 'ما الذي ينقصنا لنستحق تقييم 10؟',
    detractor: 'ما الذي خيّب ظنك، وما الذي ينبغي أن نحسّنه؟',
  },
  commentLabel: 'هل هناك شيء آخر تود إخبارنا به؟ (اختياري)',
  cancelQuestion: 'لماذا تلغي اشتراكك؟',
  uninstallTitle: 'يؤسفنا رحيلك',
  uninstallQuestion: 'لماذا أزلت التثبيت؟ اختر كل ما ينطبق.',
  reasonRequired: 'يرجى اختيار سبب.',
  reasonOrComment: 'يرجى اختيار سبب أو كتابة تعليق.',
  submit: 'إرسال',
  later: 'اسألني لاحقًا',
  close: 'إغلاق',
  skip: 'تخطٍّ',
  thanks: 'شكرًا لك! تساعدنا ملاحظاتك على التحسين.',
};
