package org.chapar.server.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Bot API's one ObjectMapper (Jackson, the project's JSON library). */
final class BotJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private BotJson() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
