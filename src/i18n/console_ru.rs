//! The console in Russian: libvirt's own translation, as virsh prints it under a Russian
//! locale (`tests/virsh/*.ru.golden`, and libvirt's catalogue `libvirt.mo` for what the
//! transcripts don't show). Where libvirt leaves a line in English (`Domain '{name}'
//! started`, `Failed to {verb} domain`, `domain is not paused`), so does the console, and
//! the line is the English catalogue's (`CONSOLE_EN.domain_started`), written once. The
//! console's own words (its hints and help descriptions) are ours, in the terms of Russian
//! virtualisation docs.

use super::console::ConsoleTexts;
use super::console_en::CONSOLE_EN;

/// Every message of the console in Russian.
pub const CONSOLE_RU: ConsoleTexts = ConsoleTexts {
    error_line: "ошибка: {message}",

    did_you_mean: "возможно, имелось в виду «{suggestion}»?",
    line_too_long: "длина строки — {got} симв.; команда может быть не длиннее {max} симв.",
    missing_quote: "отсутствует {quote}",
    unknown_command: "неизвестная команда: «{word}»",
    unknown_help_topic: "команда или группа команд «{word}» не существует",
    wrong_layout: "возможно, имелось в виду «{command}»? — клавиатура в русской раскладке",
    stays_open: "эта консоль — часть страницы: она остаётся открытой (выходить не из чего)",
    unknown_option: "команда «{command}» не поддерживает опцию {option}",
    missing_argument: "команда {command} требует указания {argument}",
    unexpected_argument: "непредвиденные данные «{argument}»",
    missing_value: "ожидаемый формат: {option} <{placeholder}>",
    unexpected_value: "За параметром {option} не должен следовать знак равенства",
    repeated_option: "параметр {option} уже задан",
    empty_argument: "Не удалось получить параметр «{option}»: Аргумент параметра пуст",
    bad_number: "Числовое значение «{value}» для параметра <{option}> неверно сформировано или находится за пределами допустимого диапазона",
    bad_scaled_number: "Масштабированное числовое значение «{value}» для параметра <{option}> неверно сформировано или находится за пределами допустимого диапазона",
    unknown_suffix: "недопустимый аргумент: неизвестный суффикс «{suffix}»",
    too_large: "числовое переполнение: слишком большое значение: {number}{suffix}",
    type_string: "строка",
    type_number: "число",

    domain_created: CONSOLE_EN.domain_created,
    domain_defined: CONSOLE_EN.domain_defined,
    domain_started: CONSOLE_EN.domain_started,
    domain_shutdown: CONSOLE_EN.domain_shutdown,
    domain_destroyed: CONSOLE_EN.domain_destroyed,
    domain_suspended: CONSOLE_EN.domain_suspended,
    domain_resumed: CONSOLE_EN.domain_resumed,
    domain_rebooted: CONSOLE_EN.domain_rebooted,
    domain_undefined: CONSOLE_EN.domain_undefined,
    domain_renamed: CONSOLE_EN.domain_renamed,
    failed_to: CONSOLE_EN.failed_to,
    already_active: "Домен уже активен",
    not_found: "ошибка при получении данных домена «{name}»",
    already_exists: "ошибка операции: домен «{name}» уже существует (UUID: {uuid})",
    other_error: CONSOLE_EN.other_error,
    not_valid: "Недопустимая операция: {reason}",
    reason_already_active: CONSOLE_EN.reason_already_active,
    reason_not_running: "домен не работает",
    reason_not_paused: CONSOLE_EN.reason_not_paused,
    reason_rename_active: "нельзя переименовать активный домен",
    reason_rename_itself: "Нельзя переименовать домен в самого себя",
    reason_name_taken: "домен с именем «{name}» уже существует",
    reason_max_memory_active: "нельзя изменить значение максимального размера памяти для активного домена",
    exclusive_options: "Параметры {first} и {second} являются взаимоисключающими",
    maximum_needs_config: "Параметр --config требуется для работы параметра --maximum",
    unsupported: "функция не поддерживается драйвером соединения: {api}",
    memory_zero: "memory в virDomainSetMemoryFlags не может быть равен нулю",
    memory_above_max: "недопустимый аргумент: объём памяти не может превышать максимальный объём",
    memory_stats_failed: "Не удалось получить статистику памяти для домена {name}",
    max_memory_failed: "Не удалось изменить MaxMemorySize",
    zero_cpus: "Нельзя указать 0 процессоров для виртуальной машины",
    vcpus_above_limit: "недопустимый аргумент: запрошенное число виртуальных процессоров превышает максимально допустимое значение для запущенного домена: {count} > {max}",
    vcpus_above_max: "недопустимый аргумент: запрошенное число процессоров превышает допустимое ({count} > {max})",

    state_running: "работает",
    state_paused: "приостановлен",
    state_shut_off: "выключен",
    state_with_reason: CONSOLE_EN.state_with_reason,
    reason_booted: "загружен",
    reason_unpaused: "возобновлено",
    reason_user: "пользователь",
    reason_shutdown: "выключен",
    reason_destroyed: "разрушен",
    reason_from_snapshot: "из снимка",
    reason_unknown: "неизвестно",

    column_id: "ID",
    column_name: "Имя",
    column_state: "Состояние",
    dominfo_keys: [
        "ID:",
        "Имя:",
        "UUID:",
        "Тип ОС:",
        "Состояние:",
        "CPU:",
        "Время CPU:",
        "Макс.память:",
        "Занято памяти:",
        "Постоянство:",
        "Автозапуск:",
        "Управляемое сохранение:",
        "Модель безопасности:",
        "DOI безопасности:",
    ],
    // libvirt's translation (tests/virsh/host.ru.golden).
    nodeinfo_keys: [
        "Модель процессора:",
        "CPU:",
        "Частота процессора:",
        "Сокеты:",
        "Ядер на сокет:",
        "Потоков на ядро:",
        "Ячейки NUMA:",
        "Объём памяти:",
    ],
    cpu_time: "{seconds},{tenths}s",
    yes: CONSOLE_EN.yes,
    no: CONSOLE_EN.no,
    autostart_disabled: "выкл.",

    snapshot_created: "Снимок домена {name} создан",
    // libvirt leaves these two in English.
    snapshot_reverted: CONSOLE_EN.snapshot_reverted,
    snapshot_deleted: "Снимок домена {name} удалён",
    // libvirt's translation has the two spaces.
    snapshot_name_required: "Необходимо указать --snapshotname или --current",
    snapshot_name_or_current: "--snapshotname и --current являются взаимоисключающими",
    leaves_and_tree: "--leaves и --tree являются взаимоисключающими",
    no_current_snapshot_found: "Снимок домена не найден: У домена нет текущего снимка",
    no_current_snapshot: "У домена «{name}»  нет текущего снимка",
    snapshot_not_found: "Снимок домена не найден: нет снимка домена с совпадающим именем «{name}»",
    snapshot_exists: "ошибка операции: момент домена {name} уже существует",
    reason_has_snapshots: "не удалось удалить неактивный домен со снимками (всего снимков: {count})",
    column_creation_time: "Время создания",
    column_parent: "Родитель",
    snapshot_info_keys: [
        "Имя:",
        "Домен:",
        "Текущий:",
        "Состояние:",
        "Расположение:",
        "Родительский:",
        "Дочерние:",
        "Потомки:",
        "Метаданные:",
    ],
    location_internal: "внутренний",

    clone_error_line: CONSOLE_EN.clone_error_line,
    clone_cloning: "Клонирование {file}",
    clone_created: "Клон «{name}» успешно создан.",
    clone_not_found: "Домен «{name}» не найден.",
    clone_must_be_shutoff: "Домен для клонирования должен быть выключен.",
    clone_name_in_use: "Недопустимое имя гостевой системы: Имя «{name}» уже используется другой гостевой системой.",
    clone_needs_auto: "Требуется указать либо --auto-clone, либо --file. Используйте --auto-clone или --file и попробуйте снова.",
    clone_other_error: CONSOLE_EN.clone_other_error,

    grouped_commands: "Группы команд:",
    group_line: " {title} (ключевое слово «{keyword}»):",
    help_sections: ["  ИМЯ", "  ОБЗОР", "  ОПИСАНИЕ", "  ПАРАМЕТРЫ"],
    help: HELP,

    more_candidates: "… и ещё {more}: введите больше символов, чтобы сузить выбор",
    older_lines_gone: "… старые строки удалены: консоль хранит последние {count}.",
    mirror_edit: CONSOLE_EN.mirror_edit,
    mirror_discard: "# отменить отложенную конфигурацию {name} (в virsh нет такой команды в одну строку)",
    undone: "Отменено: {change}",
    redone: "Повторено: {change}",
    nothing_to_undo: "Нечего отменять",
    nothing_to_redo: "Нечего повторять",
};

/// The help texts of `console/spec.rs`: libvirt's Russian where virsh has the text, ours for
/// what only this console says.
const HELP: &[(&str, &str)] = &[
    // Summaries.
    ("list domains", "список доменов"),
    // The host's commands (libvirt's own Russian for the summaries).
    ("node information", "информация об узле"),
    (
        "get memory statistics for a domain",
        "получить статистику памяти домена",
    ),
    (
        "get statistics about one or multiple domains",
        "получение статистики доменов",
    ),
    (
        "Shows the host's CPUs and memory (in KiB), as set in the Host panel. An unlimited size shows as what the VMs hold.",
        "Показывает процессоры и память хоста (в КиБ), как они заданы на панели «Хост». Неограниченный размер показывается как занятый ВМ.",
    ),
    (
        "Shows a running or paused domain's memory statistics in KiB, from the simulated guest's use at the simulated time.",
        "Показывает статистику памяти работающего или приостановленного домена в КиБ — по использованию смоделированного гостя в смоделированное время.",
    ),
    (
        "Shows each domain's state, CPU time, balloon and vCPU statistics; without a domain, every domain's.",
        "Показывает для каждого домена состояние, время ЦП, статистику balloon и vCPU; без домена — для всех доменов.",
    ),
    (
        "create a domain and start it (define it only with --stopped)",
        "создать домен и запустить его (с --stopped — только определить)",
    ),
    (
        "start a (previously defined) inactive domain",
        "запустить неактивный домен (определение должно быть создано заранее)",
    ),
    ("gracefully shutdown a domain", "безопасно завершить работу домена"),
    ("destroy (stop) a domain", "немедленно остановить (разрушить) домен"),
    ("suspend a domain", "приостановить домен"),
    ("resume a domain", "возобновить работу домена"),
    ("reboot a domain", "перезагрузить домен"),
    ("undefine a domain", "удалить определение домена"),
    ("domain information", "информация о домене"),
    ("domain state", "состояние домена"),
    (
        "convert a domain name or UUID to domain id",
        "преобразовать имя домена или UUID в ID домена",
    ),
    (
        "convert a domain id or UUID to domain name",
        "преобразовать ID домена или UUID в имя домена",
    ),
    (
        "convert a domain name or id to domain UUID",
        "преобразовать имя домена или ID в UUID домена",
    ),
    ("domain information in XML", "описание домена в XML"),
    ("change memory allocation", "изменить размер выделенной памяти"),
    ("change maximum memory limit", "изменить максимальное ограничение памяти"),
    ("change number of virtual CPUs", "изменить количество виртуальных процессоров"),
    ("rename a domain", "переименовать домен"),
    ("print help", "печать справки"),
    ("clear the console (not in virsh)", "очистить консоль (нет в virsh)"),
    (
        "list the commands typed so far (not in virsh)",
        "список введённых команд (нет в virsh)",
    ),
    (
        "undo the last change made in this tab (not in virsh)",
        "отменить последнее изменение в этой вкладке (нет в virsh)",
    ),
    (
        "redo the last change undone (not in virsh)",
        "повторить последнее отменённое изменение (нет в virsh)",
    ),
    // Descriptions.
    (
        "Lists the active (running and paused) domains, the shut off ones with --inactive, or every domain with --all: the active ones by Id, then the shut off ones by name. The --state-* options list only the domains in those states; --state-shutoff without --all leaves the active ones out. An active domain has an Id; a shut off one shows '-'. Every domain here is persistent (--transient lists none). --uuid, --id and --name print those instead of the table.",
        "Выводит активные (работающие и приостановленные) домены, с --inactive — выключенные, с --all — все: сначала активные по ID, затем выключенные по имени. Параметры --state-* оставляют только домены в этих состояниях; --state-shutoff без --all убирает активные. У активного домена есть ID, у выключенного — «-». Все домены здесь постоянные (--transient не выводит ни одного). --uuid, --id и --name выводят их вместо таблицы.",
    ),
    (
        "Creates a domain from the options and starts it, like the Create button; with --stopped it is only defined. Real virsh reads the domain from an XML file (virsh create FILE, virsh define FILE); these options are virt-install's, which counts memory in MiB.",
        "Создаёт домен по параметрам и запускает его, как кнопка «Создать»; с --stopped домен только определяется. Настоящий virsh читает домен из файла XML (virsh create ФАЙЛ, virsh define ФАЙЛ); эти параметры — как у virt-install, который считает память в МиБ.",
    ),
    (
        "Boots a shut off domain. A running or paused domain is already active: resume a paused one instead.",
        "Загружает выключенный домен. Работающий или приостановленный домен уже активен: приостановленный нужно возобновить.",
    ),
    (
        "Asks a running or paused domain to shut down; changes made with --config while it ran apply from its next start. A real guest may take a while or ignore the request; the simulator stops it at once.",
        "Просит работающий или приостановленный домен завершить работу; изменения, сделанные с --config во время работы, вступят в силу при следующем запуске. Настоящая гостевая система может завершаться долго или проигнорировать запрос; симулятор останавливает домен сразу.",
    ),
    (
        "Forces a running or paused domain off, like pulling the plug; it is not deleted, and it boots with its next-boot config.",
        "Принудительно выключает работающий или приостановленный домен, как выдернутый шнур питания; домен не удаляется и загрузится с конфигурацией следующей загрузки.",
    ),
    (
        "Pauses a running domain: it keeps its memory but gets no CPU time.",
        "Приостанавливает работающий домен: память сохраняется, но процессорного времени он не получает.",
    ),
    (
        "Lets a paused domain run again.",
        "Возобновляет работу приостановленного домена.",
    ),
    (
        "Restarts a running domain. The simulator stops and starts it, so changes made with --config take effect (a real guest's reboot keeps its QEMU process and its running config).",
        "Перезагружает работающий домен. Симулятор останавливает и запускает его, поэтому изменения, сделанные с --config, вступают в силу (при настоящей перезагрузке гостя процесс QEMU и текущая конфигурация сохраняются).",
    ),
    (
        "Deletes a domain's definition. Real virsh leaves a running domain running until it stops; the simulator forces it off and removes it at once. A domain with snapshots needs --snapshots-metadata, which deletes them with it.",
        "Удаляет определение домена. Настоящий virsh оставляет работающий домен работать до остановки; симулятор выключает и удаляет его сразу. Для домена со снимками нужен --snapshots-metadata, который удаляет их вместе с ним.",
    ),
    (
        "Shows a domain's Id, UUID, state, vCPUs, CPU time and memory (in KiB, as virsh counts it).",
        "Показывает ID, UUID, состояние, число vCPU, время CPU и память домена (в КиБ, как считает virsh).",
    ),
    (
        "Prints the domain's state: running, paused or shut off; with --reason, also why (booted, unpaused, user, shutdown, destroyed; unknown when the console didn't see it happen).",
        "Выводит состояние домена: работает, приостановлен или выключен; с --reason — и причину (загружен, возобновлено, пользователь, выключен, разрушен; неизвестно, если консоль этого не видела).",
    ),
    (
        "Prints the domain's Id, or '-' when it is shut off.",
        "Выводит ID домена или «-», если он выключен.",
    ),
    (
        "Prints the name of the domain with this Id or UUID.",
        "Выводит имя домена с этим ID или UUID.",
    ),
    (
        "Prints the domain's UUID. The simulator makes it up from the name, so a renamed domain gets a new one.",
        "Выводит UUID домена. Симулятор получает его из имени, поэтому у переименованного домена он новый.",
    ),
    (
        "Prints the domain as libvirt XML: what it runs with now, or with --inactive what it will boot with next (its pending changes included).",
        "Выводит домен в формате XML libvirt: с чем он работает сейчас или, с --inactive, с чем загрузится в следующий раз (вместе с отложенными изменениями).",
    ),
    (
        "Sets the memory a domain has, in KiB unless a unit follows (512M, 2G, 1048576K). No more than its max memory (setmaxmem). --live (the default) changes the running domain until it stops; --config changes what it boots with next (a pending change while it runs); --current, whichever its state means.",
        "Задаёт память домена, в КиБ, если не указана единица (512M, 2G, 1048576K). Не больше максимальной (setmaxmem). --live (по умолчанию) меняет работающий домен до его остановки; --config — то, с чем он загрузится в следующий раз (пока он работает, изменение отложено); --current — то, что следует из его состояния.",
    ),
    (
        "Sets the most memory a domain may be given, in KiB unless a unit follows; its memory is lowered to it if above. A running domain's maximum can't change: use --config, which takes effect at once in the simulator.",
        "Задаёт наибольший объём памяти домена, в КиБ, если не указана единица; память выше него уменьшается до него. У работающего домена максимум не меняется: используйте --config, в симуляторе это действует сразу.",
    ),
    (
        "Sets a domain's number of vCPUs, no more than its maximum (raise that with --maximum --config). --live (the default) changes the running domain until it stops; --config changes what it boots with next (a pending change while it runs); --current, whichever its state means.",
        "Задаёт число vCPU домена, не больше максимального (его поднимает --maximum --config). --live (по умолчанию) меняет работающий домен до его остановки; --config — то, с чем он загрузится в следующий раз (пока он работает, изменение отложено); --current — то, что следует из его состояния.",
    ),
    (
        "Renames a shut off domain. An active domain can't be renamed: shut it down first.",
        "Переименовывает выключенный домен. Активный домен переименовать нельзя: сначала завершите его работу.",
    ),
    (
        "Lists the commands by group, or explains one command, or lists one group (help domain). 'COMMAND --help' works too.",
        "Выводит команды по группам, справку по одной команде или одну группу (help domain). Можно также «КОМАНДА --help».",
    ),
    (
        "Clears the console's output; the history stays.",
        "Очищает вывод консоли; история команд остаётся.",
    ),
    (
        "Lists the commands typed in this console, oldest first. Up and Down arrows recall them.",
        "Выводит команды, введённые в этой консоли, начиная с самой старой. Стрелки вверх и вниз возвращают их.",
    ),
    (
        "Takes back the last change made in this tab, from a button, a command or a script, as the Undo button does. Refused if another tab changed the VM since.",
        "Отменяет последнее изменение в этой вкладке — кнопкой, командой или скриптом, как кнопка «Отменить». Отказывает, если с тех пор ВМ изменили в другой вкладке.",
    ),
    (
        "Makes the last undone change again, as the Redo button does.",
        "Снова вносит последнее отменённое изменение, как кнопка «Повторить».",
    ),
    // Arguments and options.
    ("domain name, id or uuid", "имя, ID или UUID домена"),
    ("affect next boot", "с сохранением после перезагрузки"),
    ("affect running domain", "применить к работающему домену"),
    ("affect current domain", "применить к текущему домену"),
    ("list inactive domains", "список неактивных доменов"),
    ("list transient domains", "список временных доменов"),
    ("list persistent domains", "список постоянных доменов"),
    ("list uuid's only", "показать только UUID"),
    ("list domain names only", "список имён доменов"),
    // libvirt leaves it in English.
    ("list domain IDs only", "list domain IDs only"),
    ("list table (default)", "показать таблицу (по умолчанию)"),
    (
        "list inactive & active domains",
        "список всех (как активных, так и неактивных) доменов",
    ),
    ("list domains in running state", "список работающих доменов"),
    ("list domains in paused state", "список приостановленных доменов"),
    ("list domains in shutoff state", "список выключенных доменов"),
    ("name of the new domain", "имя нового домена"),
    ("memory in MiB (default 1024)", "память в МиБ (по умолчанию 1024)"),
    ("number of virtual CPUs (default 1)", "число виртуальных процессоров (по умолчанию 1)"),
    ("disk size in GiB (default 10)", "размер диска в ГиБ (по умолчанию 10)"),
    ("path of the disk image (default none)", "путь к образу диска (по умолчанию нет)"),
    ("ISO image to boot from (default none)", "ISO-образ для загрузки (по умолчанию нет)"),
    (
        "network to attach to (default 'default')",
        "сеть для подключения (по умолчанию «default»)",
    ),
    ("only define the domain, don't start it", "только определить домен, не запускать"),
    ("name of the inactive domain", "имя неактивного домена"),
    ("also print reason for the state", "вывести причину изменения состояния"),
    ("domain name or uuid", "имя или UUID домена"),
    ("domain id or uuid", "ID домена или UUID"),
    ("domain id or name", "ID или имя домена"),
    ("show inactive defined XML", "просмотр XML неактивных доменов"),
    (
        "new memory size, as scaled integer (default KiB)",
        "целое значение нового размера памяти (по умолчанию в КиБ)",
    ),
    (
        "new maximum memory size, as scaled integer (default KiB)",
        "целое значение максимально допустимого размера памяти (по умолчанию в КиБ)",
    ),
    ("number of virtual CPUs", "число виртуальных процессоров"),
    (
        "set maximum limit on next boot",
        "установить максимальное ограничение на количество виртуальных процессоров, которые могут быть подключены после следующей перезагрузки домена",
    ),
    ("new domain name", "новое имя домена"),
    ("a command, or a group's keyword", "команда или ключевое слово группы"),
    // Snapshots (libvirt's own Russian where virsh has the text).
    (
        "Create a snapshot from a set of args",
        "Создать снимок на основе набора аргументов",
    ),
    ("List snapshots for a domain", "Показать снимки домена"),
    ("Get the current snapshot", "Показать текущий снимок"),
    ("snapshot information", "данные снимка"),
    ("Revert a domain to a snapshot", "Восстановить домен из снимка"),
    ("Delete a domain snapshot", "Удалить снимок домена"),
    ("name of snapshot", "имя снимка"),
    ("snapshot name", "имя снимка"),
    ("description of snapshot", "описание снимка"),
    ("list only snapshots without parents", "список снимков без родителей"),
    ("list only snapshots without children", "список снимков без дочерних элементов"),
    ("list snapshot names only", "список имён снимков"),
    ("info on current snapshot", "информация о текущем снимке"),
    ("revert to current snapshot", "вернуться к текущему снимку"),
    ("delete current snapshot", "удалить текущий снимок"),
    (
        "add a column showing parent snapshot",
        "добавить столбец с названием родительского снимка",
    ),
    ("list snapshots in a tree", "список снимков в иерархии"),
    (
        "list the name, rather than the full xml",
        "показать имя вместо содержимого XML",
    ),
    (
        "delete snapshot and all children",
        "удалить снимок и все дочерние элементы",
    ),
    (
        "remove all domain snapshot metadata, if inactive",
        "удалить все метаданные снимков домена (виртуальная машина должна быть неактивной)",
    ),
    (
        "Takes a snapshot of the domain as it is now: its config, any pending change and its state (a running or paused domain's memory too, as a full system snapshot keeps it). It becomes the current snapshot, a child of the previous one. Without a name, it is named after the time (seconds since 1970), as in virsh.",
        "Делает снимок домена в его нынешнем виде: конфигурацию, отложенное изменение и состояние (у работающего или приостановленного домена — и память, как её хранит полный снимок системы). Он становится текущим снимком, дочерним для предыдущего. Без имени он называется по времени (в секундах с 1970 года), как в virsh.",
    ),
    (
        "Lists the domain's snapshots by name with when they were taken and the state they keep, or as a tree (--tree), or with each one's parent (--parent), or only their names (--name); --roots and --leaves keep only the snapshots without a parent or without children.",
        "Показывает снимки домена по имени — когда сделан и какое состояние хранит, — или деревом (--tree), или с родителем каждого (--parent), или только имена (--name); --roots и --leaves оставляют только снимки без родителя или без дочерних.",
    ),
    (
        "Names the domain's current snapshot (the one last taken or reverted to). The simulator prints only its name, with or without --name.",
        "Называет текущий снимок домена (последний сделанный или восстановленный). Симулятор печатает только имя, с --name или без.",
    ),
    (
        "Shows a snapshot's state, parent, and how many children and descendants it has.",
        "Показывает состояние снимка, его родителя и число дочерних снимков и потомков.",
    ),
    (
        "Returns the domain to the snapshot: its config and its state then (running, paused or shut off). What it is now, and any pending change, is lost.",
        "Возвращает домен к снимку: к его конфигурации и состоянию (работает, приостановлен или выключен). Нынешнее состояние и отложенные изменения теряются.",
    ),
    (
        "Deletes a snapshot; its children become its parent's. With --children, its whole subtree goes.",
        "Удаляет снимок; его дочерние снимки переходят к его родителю. С --children удаляется всё поддерево.",
    ),
    // virt-clone (virtinst's own Russian for the options).
    (
        "clone a shut off guest (virt-clone, a tool of its own)",
        "клонировать выключенную гостевую систему (virt-clone, отдельная программа)",
    ),
    (
        "name of the original guest to clone",
        "имя исходной гостевой системы для клонирования",
    ),
    ("name for the new guest", "имя новой гостевой системы"),
    (
        "auto generate clone name and storage paths",
        "автоматически создать имя клона и пути к хранилищу",
    ),
    (
        "virt-clone, typed here as if in a shell: copies a shut off domain under a new name (--name, or ORIGINAL-clone), with a disk of its own next to the original's (--auto-clone names it). The clone is shut off and has no snapshots.",
        "virt-clone, набранный здесь как в оболочке: копирует выключенный домен под новым именем (--name или ИСХОДНЫЙ-clone) с собственным диском рядом с исходным (имя ему даёт --auto-clone). Клон выключен и не имеет снимков.",
    ),
];
