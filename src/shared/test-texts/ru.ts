/** Russian texts of "Test connection" outcomes (same keys as en.ts; plural categories: one, few, many, other). */
import type { Message } from '../i18n';
import type { en } from './en';

export const ru: Record<keyof typeof en, Message> = {
  'test.wolkvox': {
    one: 'Подключено к Wolkvox ({host}): в отчёте об операторах {count} оператор.',
    few: 'Подключено к Wolkvox ({host}): в отчёте об операторах {count} оператора.',
    many: 'Подключено к Wolkvox ({host}): в отчёте об операторах {count} операторов.',
    other: 'Подключено к Wolkvox ({host}): в отчёте об операторах {count} оператора.',
  },
  'test.wolkvox_quota':
    'Настроенным опросам нужно около {projected} использований токена в день, а квота — {quota}: Wolkvox ответит TOKEN LIMIT EXCEEDED до конца дня. Увеличьте интервалы опроса или число лицензий в разделе «Источники».',
  'test.wolkvox_quota_shared':
    'Источникам с этим токеном нужно около {projected} использований в день, а квота — {quota}: Wolkvox ответит TOKEN LIMIT EXCEEDED до конца дня. Увеличьте интервалы опроса или число лицензий в разделе «Источники».',
  'test.wolkvox_clock_behind':
    'Wolkvox датирует последнее измерение сети подключённого оператора на {hours} ч {minutes} мин раньше часов этого компьютера: проверьте часовой пояс источника (сейчас {zone}); он должен совпадать с тем, в котором учётная запись Wolkvox пишет даты.',
  'test.wolkvox_clock_ahead':
    'Wolkvox датирует последнее измерение сети подключённого оператора на {hours} ч {minutes} мин позже часов этого компьютера: проверьте часовой пояс источника (сейчас {zone}); он должен совпадать с тем, в котором учётная запись Wolkvox пишет даты.',
  'test.avaya': 'Вход в учётную запись {account} выполнен (токен действует {seconds} с).',
  'test.avaya_producers': {
    one: 'Найден поставщик показателей: {producers}.',
    few: 'Найдены поставщики показателей: {producers}.',
    many: 'Найдены поставщики показателей: {producers}.',
    other: 'Найдены поставщики показателей: {producers}.',
  },
  'test.avaya_discovery_unavailable': 'Список показателей {producers} сейчас получить не удалось; подписаться всё равно попробуем.',
  'test.telphin': {
    one: 'Подключено к Telphin: {count} оператор очередей (местных: {local}, удалённых: {remote}).',
    few: 'Подключено к Telphin: {count} оператора очередей (местных: {local}, удалённых: {remote}).',
    many: 'Подключено к Telphin: {count} операторов очередей (местных: {local}, удалённых: {remote}).',
    other: 'Подключено к Telphin: {count} оператора очередей (местных: {local}, удалённых: {remote}).',
  },
  'test.telphin_webhook': {
    one: 'Режим вебхуков: по адресу {url} будет зарегистрировано {count} событие операторов.',
    few: 'Режим вебхуков: по адресу {url} будет зарегистрировано {count} события операторов.',
    many: 'Режим вебхуков: по адресу {url} будет зарегистрировано {count} событий операторов.',
    other: 'Режим вебхуков: по адресу {url} будет зарегистрировано {count} события операторов.',
  },
  'test.telphin_webhook_limit': 'Для режима вебхуков нужно событий операторов: {need}, а учётная запись допускает {limit}: попросите Telphin увеличить лимит.',
  'test.telphin_polling': 'Режим опроса (нет публичного адреса для вебхуков): каждые {seconds} с или реже, если этого требует часовая квота запросов.',
  'test.telphin_quota': 'В этот час осталось {remaining} из {limit} запросов.',
  'test.telphin_skipped': {
    one: 'Пропущена {count} нечитаемая запись об операторе.',
    few: 'Пропущены {count} нечитаемые записи об операторах.',
    many: 'Пропущено {count} нечитаемых записей об операторах.',
    other: 'Пропущено {count} нечитаемой записи об операторах.',
  },
  'test.axialys_api': 'Подключено к Axialys с учётной записью API «{login}»; сокет уведомлений (Socket.IO {version}) принял сессию.',
  'test.axialys_supervisor': 'Подключено к Axialys как супервизор «{login}»; сокет уведомлений (Socket.IO {version}) принял сессию.',
  'test.collector': {
    one: 'Сборщик на {host} доступен: он читает {count} источник.',
    few: 'Сборщик на {host} доступен: он читает {count} источника.',
    many: 'Сборщик на {host} доступен: он читает {count} источников.',
    other: 'Сборщик на {host} доступен: он читает {count} источника.',
  },
  'test.collector_agents': {
    one: 'Сейчас в нём {count} оператор.',
    few: 'Сейчас в нём {count} оператора.',
    many: 'Сейчас в нём {count} операторов.',
    other: 'Сейчас в нём {count} оператора.',
  },
  'test.collector_not_live': 'Не в работе на сборщике: {sources}.',
};
