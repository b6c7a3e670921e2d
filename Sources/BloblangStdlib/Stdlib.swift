import Bloblang

/// The standard library: every function and method, listed explicitly.
///
/// Each category file contributes one static array; this file joins them. Adding a spec
/// means declaring it in its own file and listing it in its category's array.
public enum Stdlib {
    /// Every function.
    public static var functions: [FunctionSpec] {
        generalFunctions + messageFunctions + environmentFunctions + fakeDataFunctions + timeFunctions
    }

    /// Every method.
    public static var methods: [MethodSpec] {
        generalMethods + stringMethods + regexpMethods + numberMethods + coercionMethods + objectMethods
            + timeMethods + encodingMethods + parsingMethods
    }

    /// Every example of every spec, for the example tests.
    public static var allExamples: [Example] {
        functions.flatMap(\.examples) + methods.flatMap(\.examples)
    }
}

extension Environment {
    /// The environment with the whole standard library.
    public static let standard = Environment(functions: Stdlib.functions, methods: Stdlib.methods)
}
