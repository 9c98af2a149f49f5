import type { Strings } from './index.ts';

export const strings: Strings = {
  dir: 'ltr',
  npsQuestion: '友人や同僚に私たちを薦める可能性はどのくらいありますか？',
  notLikely: 'まったく可能性がない',
  veryLikely: '非常に可能性が高い',
  followUp: {
    promoter: '特に気に入っている点は何ですか？',
    passive: '10点にするには何が足りませんか？',
    detractor: 'どのような点にご不満がありましたか？改善すべき点を教えてください。',
  },
  commentLabel: 'その他ご意見があればお聞かせください（任意）',
  cancelQuestion: '解約の理由を教えてください。',
  uninstallTitle: 'ご利用ありがとうございました',
  uninstallQuestion: 'アンインストールの理由を教えてください（複数選択可）。',
  reasonRequired: '理由を選択してください。',
  reasonOrComment: '理由を選択するか、コメントを入力してください。',
  submit: '送信',
  later: '後で回答する',
  close: '閉じる',
  skip: 'スキップ',
  thanks: 'ありがとうございました。いただいたご意見は改善に役立てます。',
};
