import type { Strings } from './index.ts';

export default {
  dir: 'ltr',
  nps_question: '¿Qué probabilidad hay de que nos recomiende a un amigo o colega?',
  not_likely: 'nada probable',
  very_likely: 'extremadamente probable',
  follow_up: {
    promoter: '¿Qué es lo que más le gusta?',
    passive: '¿Qué nos falta para merecer un 10?',
    detractor: '¿Qué le decepcionó y qué deberíamos mejorar?',
  },
  csat_question: '¿Qué tan satisfecho está con nuestro producto?',
  csat_labels: ['Muy insatisfecho', 'Insatisfecho', 'Neutral', 'Satisfecho', 'Muy satisfecho'],
  csat_follow_up: '¿Cuál es el motivo principal de su puntuación?',
  comment_label: '¿Algo más que quiera contarnos? (opcional)',
  cancel_question: '¿Por qué cancela?',
  uninstall_title: 'Lamentamos que se vaya',
  uninstall_question: '¿Por qué desinstaló? Puede elegir varias opciones.',
  reason_or_comment: 'Elija un motivo o escriba un comentario.',
  submit_button: 'Enviar',
  later_button: 'Preguntarme más tarde',
  close_button: 'Cerrar',
  skip_button: 'Omitir',
  not_sent: 'Lo sentimos, no se pudo enviar su respuesta.',
  thank_you: '¡Gracias! Sus comentarios nos ayudan a mejorar.',
} satisfies Strings;
