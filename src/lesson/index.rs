//! The list of lessons, compiled into the page: ids and titles only (the bodies are fetched
//! when a lesson starts). A native test keeps it equal to the files in `lessons/`, in order.

/// One lesson in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexEntry {
    /// The lesson's id: its file is `lessons/<id>.json`.
    pub id: &'static str,
    /// Its title in English.
    pub en: &'static str,
    /// Its title in Russian.
    pub ru: &'static str,
}

impl IndexEntry {
    /// The title in `lang`.
    pub fn title(&self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::En => self.en,
            crate::i18n::Lang::Ru => self.ru,
        }
    }
}

/// Every lesson, in course order.
pub const INDEX: &[IndexEntry] = &[
    IndexEntry {
        id: "lifecycle",
        en: "First steps: the lifecycle",
        ru: "Первые шаги: жизненный цикл",
    },
    IndexEntry {
        id: "create",
        en: "Creating a VM with a config",
        ru: "Создание ВМ с конфигурацией",
    },
    IndexEntry {
        id: "pending",
        en: "Pending changes: when they apply",
        ru: "Ожидающие изменения: когда они применяются",
    },
    IndexEntry {
        id: "console",
        en: "The console: what each button amounts to",
        ru: "Консоль: чему соответствует каждая кнопка",
    },
    IndexEntry {
        id: "pause-vs-stop",
        en: "Pause or stop?",
        ru: "Приостановить или остановить?",
    },
    IndexEntry {
        id: "rename",
        en: "Renaming and its rules",
        ru: "Переименование и его правила",
    },
    IndexEntry {
        id: "host-limits",
        en: "The host's limits: make room",
        ru: "Пределы хоста: освободите место",
    },
    IndexEntry {
        id: "snapshots",
        en: "Snapshots: a way back",
        ru: "Снимки: путь назад",
    },
    IndexEntry {
        id: "clones",
        en: "Clones: a new VM from a template",
        ru: "Клоны: новая ВМ из шаблона",
    },
    IndexEntry {
        id: "network",
        en: "Maintenance: take a network down",
        ru: "Обслуживание: отключите сеть",
    },
    IndexEntry {
        id: "broken-lab",
        en: "Fix the broken lab",
        ru: "Почините сломанную лабораторию",
    },
];
