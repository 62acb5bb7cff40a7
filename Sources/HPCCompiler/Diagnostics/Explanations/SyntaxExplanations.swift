// Explanations of the 1xxx (syntax) and 2xxx (schema) codes.

extension DiagnosticCode {
    static let syntaxExplanations: [DiagnosticCode: RuleExplanation] = [
        .yamlSyntax: RuleExplanation(
            """
            The blueprint is not YAML that a YAML 1.2 reader can parse: an unclosed bracket or quote, a tab used for \
            indentation, a key at the wrong indentation, a value that starts with a character YAML reserves (`%`, `@`, \
            a backquote). hpcc stops at the first such place, since nothing after it has a reliable meaning.
            """,
            example: "vars:\n  project_id: [demo\n  region: us-central1",
            fix:
                """
                Close the bracket or quote, indent with spaces, or quote a value that starts with a reserved character.
                """
        ),
        .duplicateKey: RuleExplanation(
            """
            A mapping names the same key twice. YAML readers disagree about which value wins (some take the first, \
            some the last, some refuse), so a blueprint that relies on either is ambiguous. hpcc reports every \
            repetition, at the second occurrence, and keeps reading.
            """,
            example: "vars:\n  region: us-central1\n  region: europe-west4",
            fix: "Keep one of the two keys."),
        .nonStringKey: RuleExplanation(
            """
            Every mapping key in a blueprint is a name: a non-empty string. A list, a mapping or an empty value used \
            as a key has no meaning in the blueprint language.
            """,
            example: "vars:\n  [a, b]: 1\n  \"\": 2",
            fix: "Use a plain name as the key."),
        .aliasExpansion: RuleExplanation(
            """
            YAML anchors and aliases let a small text expand into a huge tree (the \"billion laughs\" attack). hpcc \
            counts the nodes an alias-expanded document holds and stops past 250,000, far above any real blueprint.
            """,
            example:
                """
                a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, \
                *b, *b, *b, *b, *b, *b, *b, *b]\n# ... and so on, ten times more per level
                """,
            fix: "Write the values out, or use fewer levels of aliases."),
        .emptyDocument: RuleExplanation(
            "The file holds no YAML document (it is empty, or only comments), so there is no blueprint to compile.",
            example: "# a blueprint will go here",
            fix: "Write the blueprint: at least `blueprint_name`, `vars.deployment_name` and `deployment_groups`."),
        .unsupportedYAML: RuleExplanation(
            """
            Blueprints are plain data: custom tags (`!include`, `!!python/object`) and merge keys that do not merge \
            mappings would make the same text mean different things to different readers, so hpcc refuses them.
            """,
            example: "vars:\n  script: !include startup.sh\n  base: {a: 1}\n  derived:\n    <<: [1, 2]",
            fix: "Remove the tag (use a runner's `source` for files), and merge only mappings."),
        .expressionSyntax: RuleExplanation(
            """
            A `$(...)` expression (a variable or module output reference, or arithmetic on them) or a `((...))` \
            Terraform expression does not parse: an unclosed parenthesis, an operator without operand, a reference \
            that is not `vars.NAME` or `MODULE.OUTPUT`.
            """,
            example: "settings:\n  node_count_dynamic_max: $(vars.count *)\n  name: $(vars.prefix",
            fix: "Complete the expression, or write `\\$(` for a literal `$(`."),
        .inputTooLarge: RuleExplanation(
            """
            hpcc reads at most 4 MiB of blueprint. A real blueprint is a few kilobytes; a file far larger is a mistake \
            (the wrong file) or an attempt to make hpcc slow, and is refused before it is parsed (on the command line, \
            before it is read into memory).
            """,
            example: "$ hpcc validate /var/log/syslog",
            fix:
                """
                Compile the blueprint file; move large script bodies into files that a startup-script runner names \
                with `source`.
                """
        ),
        .valueTooLong: RuleExplanation(
            """
            One value may hold at most 512 KiB. The largest value a blueprint holds is an inline script; anything \
            larger belongs in a file of its own, and an unbounded value would only cost memory and time in every stage.
            """,
            example:
                "runners:\n- type: shell\n  destination: setup.sh\n  content: |\n    # ... a megabyte of script ...",
            fix: "Put the script in a file next to the blueprint and name it with the runner's `source`."),
        .listTooLong: RuleExplanation(
            """
            A list or mapping may hold at most 100,000 items. The longest list a real blueprint holds is a group's \
            modules (a generated blueprint with 10,000 nodesets and their partitions has 20,000); no setting takes \
            that many (a thousand nodes are one host range, `cn[0001-1000]`), so a longer one is generated by mistake \
            or meant to slow hpcc down.
            """,
            example: "node_groups:\n- {name: n1, hostnames: n1, ...}\n# ... 100,001 entries ...",
            fix: "Use host ranges and counts instead of listing each item."),
        .nestingTooDeep: RuleExplanation(
            """
            Lists and mappings may nest at most 64 levels, and so may a `$(...)` expression (parentheses, lists, \
            minus signs, a chain of operators) and a chain of variables that read variables. Blueprint settings nest a \
            handful of levels; deeper nesting only serves to exhaust the stack of recursive readers.
            """,
            example: """
                vars:
                  deep: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1\
                ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
                """,
            fix: "Flatten the value."),
        .readFailed: RuleExplanation(
            """
            The blueprint file does not exist or cannot be read (permissions, a folder instead of a file). This is an \
            I/O failure, exit status 2, not a finding about the blueprint.
            """,
            example: "$ hpcc build blueprints/missing.yaml",
            fix: "Check the path and the file's permissions."),
        .writeFailed: RuleExplanation(
            """
            The deployment folder could not be written: no space, no permission, or the target is not a folder. The \
            previous deployment folder is left as it was (hpcc writes beside it and swaps).
            """,
            example: "$ hpcc build blueprints/gcp-slurm.yaml --output /read-only",
            fix: "Choose a writable --output folder and make room."),
        .foreignFolder: RuleExplanation(
            """
            `hpcc build` replaces `OUTPUT/<deployment_name>` as a whole. It does so only when that folder is a \
            deployment hpcc wrote (it holds hpcc-manifest.json), so a mistyped --output cannot wipe a folder of \
            someone else's files; a file in the way is never replaced.
            """,
            example: "$ hpcc build blueprint.yaml --output ~    # with deployment_name: Documents",
            fix: "Choose another --output, or pass --force if the folder may really be replaced."),
        .internalError: RuleExplanation(
            """
            hpcc checks its own work before writing: every output a module declares must have a Terraform expression \
            or a value known at compile time. When one has neither, hpcc stops instead of writing `null` where the \
            value belongs, since the deployment would not do what the blueprint says.
            """,
            example: "$ hpcc build blueprint.yaml    # with a module whose output hpcc fails to express",
            fix: "Report it with the blueprint; meanwhile, avoid reading that output."),
        .staleDeployment: RuleExplanation(
            """
            `hpcc build --check` compiles the blueprint and compares the result with the deployment folder already on \
            disk, without writing anything. Each file that differs is reported: changed (at its first differing line), \
            missing, no longer emitted, or with the wrong executable bit. A repository that commits its deployment \
            folders runs it in CI, so the folders cannot fall behind their blueprints.
            """,
            example:
                """
                $ hpcc build blueprints/gcp-slurm.yaml -o deployments --check\n# after the blueprint changed, or \
                someone edited deployments/<name>/slurm/slurm.conf by hand
                """,
            fix: "Run `hpcc build` without --check and commit the deployment folder it writes."),
        .invalidOverride: RuleExplanation(
            """
            `--vars` takes `NAME=VALUE`, with a variable name before the `=`; the value is read as YAML (so `count=4` \
            is a number and `zones=[a, b]` a list).
            """,
            example: "$ hpcc build blueprint.yaml --vars project_id",
            fix: "Write `--vars project_id=my-project`."),
        .notUTF8: RuleExplanation(
            """
            Blueprints are UTF-8 text. A file in another encoding (or a binary file) would be read with different \
            characters than its author sees.
            """,
            example: "$ iconv -t UTF-16 blueprint.yaml > utf16.yaml && hpcc validate utf16.yaml",
            fix: "Save the file as UTF-8."),
        .includedFileUnreadable: RuleExplanation(
            """
            A file the blueprint names, such as a startup-script runner's `source`, is not read: it cannot be read as \
            UTF-8 text relative to the blueprint's folder; or its path is absolute or leaves the blueprint's folder \
            with `..` (or a symbolic link), which the command line reads only with `--read-any-file`; or the compiler \
            reads no files at all, the default of the HPCCompiler library, so that a service compiling its users' \
            blueprints never copies its own files into their output.
            """,
            example: "runners:\n- type: shell\n  source: ../../etc/setup.sh\n  destination: setup.sh",
            fix:
                """
                Keep the file in the blueprint's folder and name it relative to the blueprint, or give the runner its \
                `content` inline. A program using the library grants access with `Compiler(files: .blueprintFolder)` \
                (or `.memory`, or `.anyFile`).
                """
        ),
    ]

    static let schemaExplanations: [DiagnosticCode: RuleExplanation] = [
        .unknownKey: RuleExplanation(
            """
            A key the blueprint language does not define, at the top level, in a group or in a module. Nothing would \
            read it, so a misspelled key would silently do nothing; hpcc names the nearest valid key.
            """,
            example: "deployment_groups:\n- group: primary\n  moduels: []",
            fix: "Use the key the help suggests, or remove it."),
        .missingKey: RuleExplanation(
            """
            A key the blueprint language requires is missing: `blueprint_name`, `deployment_groups`, a group's `group` \
            and `modules`, a module's `id` and `source`.
            """,
            example: "deployment_groups:\n- modules:\n  - id: network\n    source: modules/network/vpc",
            fix: "Add the key."),
        .wrongShape: RuleExplanation(
            """
            A blueprint key holds the wrong kind of value: a list where a mapping belongs (`vars`, `settings`), a \
            mapping where a list belongs (`modules`, `use`), a mapping where a name belongs.
            """,
            example: "vars:\n- project_id: demo",
            fix: "Write the value in the shape the key takes."),
        .unknownSetting: RuleExplanation(
            """
            The module has no setting of that name. hpcc implements every setting it accepts; one that Cluster Toolkit \
            has but hpcc does not implement is an error rather than silently dropped, and the help names the nearest \
            setting.
            """,
            example: "- id: homefs\n  source: modules/file-system/filestore\n  settings:\n    local_mont: /home",
            fix: "Use the setting the help suggests (`hpcc modules <source>` lists them), or remove it."),
        .unknownSource: RuleExplanation(
            """
            A module `source` is neither one of hpcc's built-in modules nor a local path (`./…`, `../…`) to a module \
            folder. Remote sources (git, registries) are not fetched: hpcc works offline.
            """,
            example: "- id: network\n  source: modules/network/vcp",
            fix: "Use a built-in source (`hpcc modules` lists them) or a local folder with a module.yaml."),
        .typeMismatch: RuleExplanation(
            """
            A value of the wrong type for its setting: text where a number, list or object belongs, or the other way \
            round. Types are checked after variables and module outputs are resolved, so a variable of the wrong type \
            is reported where it is used.
            """,
            example: "settings:\n  node_count_dynamic_max: lots",
            fix: "Give a value of the setting's type (see the module's reference)."),
        .constraintViolation: RuleExplanation(
            """
            The value has the right type but is outside what the setting allows: not one of its choices, out of its \
            range, not matching its pattern, not a multiple of its step, too long or too many items.
            """,
            example: "settings:\n  tier: PREMIUM_PLUS",
            fix: "Choose a value the message and the module's reference allow."),
        .missingSetting: RuleExplanation(
            """
            A required setting has no value: it is not written, no deployment variable of that name exists, and no \
            used module provides an output of that name.
            """,
            example:
                """
                - id: homefs\n  source: modules/file-system/filestore\n  # no `use: [network]`, so network_id is \
                missing
                """,
            fix: "Set it, add a variable of that name, or `use` the module that provides it."),
        .settingNoEffect: RuleExplanation(
            """
            A Cluster Toolkit setting whose end hpcc reaches another way, so its value changes nothing in what hpcc \
            builds: `slurm_conf_tpl` (hpcc writes slurm.conf itself from the blueprint), `gcloud_path_override` \
            (hpcc's programs run the gcloud on the PATH), `extra_logging_flags` (they switch logging in scripts hpcc \
            does not use). It is a warning, and it says what hpcc does instead. Its default, null, false or an empty \
            value gives no warning.
            """,
            example: "settings:\n  slurm_conf_tpl: modules/embedded/slurm.conf.tpl",
            fix: "Remove the setting, or add its code to `ignore`."),
        .yaml11Scalar: RuleExplanation(
            """
            A plain value that YAML 1.1 readers (and so many tools) read differently from YAML 1.2: \
            `yes`/`no`/`on`/`off` (booleans in 1.1), `0755` (octal), `1_000`, `12:30` (sexagesimal). hpcc reads YAML \
            1.2 and warns where the two disagree.
            """,
            example: "settings:\n  enable_placement: yes\n  mode: 0755",
            fix: "Quote the value if it is text, or write `true`/`false` and plain decimal numbers."),
        .invalidName: RuleExplanation(
            """
            A name breaks its naming rule: the blueprint name, a group name, a module id, a variable name, a label or \
            tag key or value. These become folder names, Terraform identifiers and cloud labels, each with its own \
            character set and length.
            """,
            example: "blueprint_name: My Blueprint\ndeployment_groups:\n- group: primary/1",
            fix: "Use the characters the message lists (usually letters, digits, '-' and '_')."),
        .duplicateName: RuleExplanation(
            """
            Two deployment groups or two modules share a name. Group names become folders and module ids are how \
            references find modules, so each must be unique in the blueprint.
            """,
            example:
                """
                modules:\n- id: network\n  source: modules/network/vpc\n- id: network\n  source: \
                modules/network/pre-existing-vpc
                """,
            fix: "Rename one of them."),
        .unsupportedModuleKind: RuleExplanation(
            """
            A module whose `kind` does not fit it, or a Packer module sharing its group. hpcc builds one module with \
            Packer, `modules/packer/custom-image`; its group becomes a Packer template instead of a Terraform root, \
            so the group holds that module alone.
            """,
            example: "- id: network\n  source: modules/network/vpc\n  kind: packer",
            fix: "Remove the wrong `kind`, or move the other modules out of the Packer module's group."),
        .keyNoEffect: RuleExplanation(
            """
            A blueprint key hpcc accepts for compatibility but that changes nothing in what it writes (for example \
            `toolkit_modules_url`), or `outputs:` on a module that has no Terraform root.
            """,
            example: "toolkit_modules_url: github.com/GoogleCloudPlatform/cluster-toolkit",
            fix: "Remove the key, or add the code to `ignore`."),
        .unknownAttribute: RuleExplanation(
            """
            An object setting holds an attribute its type does not define. The attribute would be dropped, so a \
            misspelling would silently lose the value; hpcc names the nearest attribute.
            """,
            example: "settings:\n  queues:\n  - name: batch\n    compute_resorces: []",
            fix: "Use the attribute the help suggests."),
        .unknownValidator: RuleExplanation(
            "A `validators:` entry names a validator hpcc does not know, so nothing would run for it.",
            example: "validators:\n- validator: test_projct_exists",
            fix: "Use a validator name from Cluster Toolkit's list (the help suggests one), or remove the entry."),
        .unknownDiagnosticCode: RuleExplanation(
            """
            An `ignore:` entry is not a diagnostic code, or names an error. `ignore` silences warnings a blueprint has \
            decided to accept; errors mean hpcc would write something wrong, so they cannot be silenced. The offline \
            validators' codes (HPC3008, HPC3019, HPC3018) may be listed: that skips the validator's check, whatever \
            `validation_level` makes its findings.
            """,
            example: "ignore:\n- HPC9999\n- HPC3014",
            fix: "List only warning codes (`hpcc explain CODE` shows a code's severity)."),
        .deprecatedSetting: RuleExplanation(
            """
            A setting Cluster Toolkit removed. Its old meaning is not available, and keeping it quietly would mislead; \
            the help names the setting that replaced it.
            """,
            example: "settings:\n  enable_reconfigure: true",
            fix: "Use the replacement the help names."),
        .settingNotSupported: RuleExplanation(
            """
            A Cluster Toolkit setting asks for something hpcc does not build yet (a customer-managed encryption key, a \
            backup controller, TPU nodesets, ...). Building anyway would deploy infrastructure without it, so it is an \
            error. Its default, null, false or an empty value asks for nothing and is accepted, so blueprints that \
            only spell out defaults still compile.
            """,
            example: "settings:\n  disk_encryption_key: projects/p/locations/us-central1/keyRings/r/cryptoKeys/k",
            fix:
                """
                Remove the setting (or set it to its default) to build without the feature, knowing the deployment \
                will lack it.
                """
        ),
        .toolkitRelease: RuleExplanation(
            """
            A module's source is the Cluster Toolkit's own module fetched from its GitHub repository at a release \
            (`github.com/GoogleCloudPlatform/cluster-toolkit//modules/scripts/startup-script?ref=v1.51.1`). hpcc \
            fetches nothing: it compiles its built-in module of that path, which follows the Toolkit's current \
            settings, so a setting the pinned release had and the current one dropped is reported as unknown.
            """,
            example:
                "source: github.com/GoogleCloudPlatform/cluster-toolkit//modules/scripts/startup-script?ref=v1.51.1",
            fix: "Write the built-in path (`modules/scripts/startup-script`), or ignore HPC2020."),
    ]
}
