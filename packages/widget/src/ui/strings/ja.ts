import type { Strings } from './index.ts';

export default {
  dir: 'ltr',
  nps_question: '友人や同僚に私たちを薦める可能性はどのくらいありますか？',
  not_likely: 'まったく可能性がない',
  very_likely: '非常に可能性が高い',
  follow_up: {
    promoter: '特に気に入っている点は何ですか？',
    passive: '10点にするには何が足りませんか？',
    detractor: 'どのような点にご不満がありましたか？改善すべき点を教えてください。',
  },
  csat_question: '当社の製品にどの程度満足していますか？',
  csat_labels: ['非常に不満', '不満', 'どちらでもない', '満足', '非常に満足'],
  csat_follow_up: 'この評価の主な理由は何ですか？',
  comment_label: 'その他ご意見があればお聞かせください（任意）',
  cancel_question: '解約の理由を教えてください。',
  uninstall_title: 'ご利用ありがとうございました',
  uninstall_question: 'アンインストールの理由を教えてください（複数選択可）。',
  reason_or_comment: '理由を選択するか、コメントを入力してください。',
  submit_button: '送信',
  later_button: '後で回答する',
  close_button: '閉じる',
  skip_button: 'スキップ',
  not_sent: '申し訳ありません。回答を送信できませんでした。',
  thank_you: 'ありがとうございました。いただいたご意見は改善に役立てます。',
} satisfies Strings;
