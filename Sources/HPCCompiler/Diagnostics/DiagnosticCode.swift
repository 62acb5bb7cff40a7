/// Every diagnostic code hpcc can emit. Codes are stable: never renumber, only add.
/// 1xxx syntax, 2xxx schema, 3xxx semantic rules, 4xxx target-specific, 5xxx I/O.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    // 1xxx: syntax
    case yamlSyntax = "HPC1001"
    case duplicateKey = "HPC1002"
    case nonStringKey = "HPC1003"
    case aliasExpansion = "HPC1004"
    case emptyDocument = "HPC1005"
    case unsupportedYAML = "HPC1006"
    case expressionSyntax = "HPC1007"

    // 2xxx: schema
    case unknownKey = "HPC2001"
    case missingKey = "HPC2002"
    case wrongShape = "HPC2003"
    case unknownSetting = "HPC2004"
    case unknownSource = "HPC2005"
    case typeMismatch = "HPC2006"
    case constraintViolation = "HPC2007"
    case missingSetting = "HPC2008"
    case settingNoEffect = "HPC2009"
    case yaml11Scalar = "HPC2010"
    case invalidName = "HPC2011"
    case duplicateName = "HPC2012"
    case unsupportedModuleKind = "HPC2013"
    case keyNoEffect = "HPC2014"
    case unknownAttribute = "HPC2015"
    case unknownValidator = "HPC2016"
    case unknownDiagnosticCode = "HPC2017"
    case deprecatedSetting = "HPC2018"

    // 3xxx: semantic rules
    case unknownVariable = "HPC3001"
    case variableCycle = "HPC3002"
    case unknownModule = "HPC3003"
    case unknownOutput = "HPC3004"
    case laterGroupReference = "HPC3005"
    case variableReferencesModule = "HPC3006"
    case expressionNotAllowed = "HPC3007"
    case useWiresNothing = "HPC3008"
    case moduleNotUsed = "HPC3009"
    case moduleCycle = "HPC3010"
    case unknownMachineType = "HPC3011"
    case staticNodesInExclusivePartition = "HPC3012"
    case partitionWithoutNodesets = "HPC3013"
    case duplicateSlurmName = "HPC3014"
    case defaultPartitionCount = "HPC3015"
    case invalidNetworkRange = "HPC3016"
    case notKnownAtCompileTime = "HPC3017"
    case zoneNotInRegion = "HPC3018"
    case unusedVariable = "HPC3019"
    case validatorNeedsCloud = "HPC3020"
    case conflictingMounts = "HPC3021"
    case partitionWithoutController = "HPC3022"
    case hostnameTooLong = "HPC3023"
    case acceleratorMismatch = "HPC3024"
    case unsupportedFunction = "HPC3025"
    case capacityOutOfRange = "HPC3026"
    case sharedByControllers = "HPC3027"
    case diskTypeUnsupported = "HPC3028"

    // 4xxx: target-specific
    case unrepresentableValue = "HPC4001"
    case terraformReservedName = "HPC4002"

    // 5xxx: I/O
    case readFailed = "HPC5001"
    case writeFailed = "HPC5002"
    case invalidOverride = "HPC5003"
    case notUTF8 = "HPC5004"

    /// The severity a finding with this code has unless the reporter says otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .settingNoEffect, .yaml11Scalar, .keyNoEffect, .validatorNeedsCloud:
            .warning
        default:
            .error
        }
    }

    /// One line saying what the code means.
    public var summary: String {
        switch self {
        case .yamlSyntax: "the text is not valid YAML"
        case .duplicateKey: "a mapping names the same key twice"
        case .nonStringKey: "a mapping key is not a non-empty string"
        case .aliasExpansion: "anchors and aliases expand the document past the size limit"
        case .emptyDocument: "the blueprint file holds no document"
        case .unsupportedYAML: "a YAML feature blueprints do not allow (custom tags, bad merge keys)"
        case .expressionSyntax: "a $(...) expression cannot be parsed"
        case .unknownKey: "a key the blueprint language does not define"
        case .missingKey: "a required blueprint key is missing"
        case .wrongShape: "a blueprint key holds the wrong kind of value (a list where a mapping belongs, ...)"
        case .unknownSetting: "a setting the module does not have"
        case .unknownSource: "a module source that is neither built in nor a local path"
        case .typeMismatch: "a value of the wrong type for its setting"
        case .constraintViolation: "a value outside what its setting allows (enum, range, pattern, multiple)"
        case .missingSetting: "a required module setting is not set and no variable or used module provides it"
        case .settingNoEffect: "a setting hpcc accepts for compatibility but that changes nothing in its output"
        case .yaml11Scalar: "a plain scalar that YAML 1.1 and YAML 1.2 read differently"
        case .invalidName: "a name that breaks its naming rule (blueprint, group, module id, variable)"
        case .duplicateName: "two groups or modules share a name"
        case .unsupportedModuleKind: "a module kind hpcc cannot compile (packer)"
        case .keyNoEffect: "a blueprint key hpcc accepts for compatibility but that changes nothing"
        case .unknownAttribute: "an object setting holds an attribute its type does not have"
        case .unknownValidator: "a validator name hpcc does not know"
        case .unknownDiagnosticCode: "an `ignore` entry that is not a diagnostic code, or names an error"
        case .deprecatedSetting: "a setting Cluster Toolkit removed; the help names its replacement"
        case .unknownVariable: "a reference to a deployment variable that does not exist"
        case .variableCycle: "deployment variables reference each other in a cycle"
        case .unknownModule: "a reference to a module id that does not exist"
        case .unknownOutput: "a reference to an output the module does not have"
        case .laterGroupReference: "a module references a module of a later deployment group"
        case .variableReferencesModule: "a deployment variable references a module output"
        case .expressionNotAllowed: "an expression where the blueprint language allows only literals"
        case .useWiresNothing: "a `use` entry whose outputs feed no input of the using module"
        case .moduleNotUsed: "a module that only makes sense when another module uses it is not used"
        case .moduleCycle: "modules reference each other in a cycle"
        case .unknownMachineType: "a machine type that is not in hpcc's machine catalog"
        case .staticNodesInExclusivePartition: "an exclusive partition holds static nodes"
        case .partitionWithoutNodesets: "a partition has no nodeset"
        case .duplicateSlurmName: "two partitions, nodesets or login groups of one cluster share a name"
        case .defaultPartitionCount: "a cluster with several partitions does not have exactly one default partition"
        case .invalidNetworkRange: "an address range is not a valid CIDR or overlaps another"
        case .notKnownAtCompileTime: "a value hpcc must know at compile time comes from Terraform at apply time"
        case .zoneNotInRegion: "a zone that does not belong to the region"
        case .unusedVariable: "a deployment variable no setting uses"
        case .validatorNeedsCloud: "a validator that needs cloud APIs; hpcc runs offline and skips it"
        case .conflictingMounts: "two filesystems mount at the same path on one cluster"
        case .partitionWithoutController: "a partition is not part of any Slurm controller"
        case .hostnameTooLong: "a generated host name is longer than 63 characters"
        case .acceleratorMismatch: "GPUs that do not fit the machine type"
        case .unsupportedFunction: "an expression calls a function hpcc does not evaluate"
        case .capacityOutOfRange: "a filesystem capacity the service does not offer for the chosen tier"
        case .sharedByControllers: "a partition or login group used by more than one controller"
        case .diskTypeUnsupported: "a disk type the machine family does not support"
        case .unrepresentableValue: "a value holds characters the output format cannot carry"
        case .terraformReservedName: "a name Terraform reserves"
        case .readFailed: "the blueprint cannot be read"
        case .writeFailed: "the deployment folder cannot be written"
        case .invalidOverride: "a --vars argument is not NAME=VALUE"
        case .notUTF8: "the blueprint is not UTF-8 text"
        }
    }
}
